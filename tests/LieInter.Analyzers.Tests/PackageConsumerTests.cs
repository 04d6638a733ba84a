using System.Diagnostics;
using System.Text;
using LieInter.Generators.Tests;

namespace LieInter.Analyzers.Tests;

/// <summary>
/// The LieInter package as a user gets it: <c>dotnet pack</c> the runtime into a local folder feed, copy
/// <c>samples/PackageConsumer</c> to a temporary directory with a nuget.config listing that feed and nuget.org, then
/// build and run it (the generator must have produced a working model) and build it again with a deliberately wrong
/// model (the analyzers must report LIE0101 and LIE0201 with their help links). The consumer restores into its own
/// packages folder, so a stale LieInter in the machine's NuGet cache can never stand in for the fresh package.
/// </summary>
public class PackageConsumerTests(Xunit.Abstractions.ITestOutputHelper output)
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void PackedPackageBuildsRunsAndReportsDiagnosticsInAConsumerProject()
    {
        string root = Sources.RepositoryRoot();
        string work = Path.Combine(Path.GetTempPath(), "lieinter-consumer-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            string feed = Path.Combine(work, "feed");
            string consumer = Path.Combine(work, "consumer");
            var clock = Stopwatch.StartNew();

            // 1. Pack what is already built: this test project references the runtime, the generator, the analyzers
            // and the code fixes, so they are built in this configuration, and --no-build writes nothing into their
            // bin and obj folders while other test assemblies may be running.
            var pack = Run(root, ["pack", Path.Combine(root, "src", "LieInter.Runtime", "LieInter.Runtime.csproj"), "-c", Configuration, "--no-build", "-o", feed], isolatedPackages: null);
            Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output);
            var nupkg = Assert.Single(Directory.GetFiles(feed, "LieInter.Runtime.*.nupkg"));
            string version = Path.GetFileNameWithoutExtension(nupkg)["LieInter.Runtime.".Length..];
            using (var archive = System.IO.Compression.ZipFile.OpenRead(nupkg))
            {
                var entries = archive.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("lib/net10.0/LieInter.Runtime.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/LieInter.Generators.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/LieInter.Analyzers.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/LieInter.Analyzers.CodeFixes.dll", entries);
            }

            output.WriteLine($"packed {Path.GetFileName(nupkg)} in {clock.Elapsed.TotalSeconds:F0} s");

            // 2. A user's project next to a nuget.config that lists the local feed and nuget.org.
            CopySample(Path.Combine(root, "samples", "PackageConsumer"), consumer);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                </configuration>
                """);
            string packages = Path.Combine(work, "packages");
            string versionProperty = "-p:LieInterVersion=" + version;

            var build = Run(consumer, ["build", "-c", "Release", versionProperty], packages);
            Assert.True(build.ExitCode == 0, "the consumer did not build:\n" + build.Output);
            Assert.True(File.Exists(Path.Combine(packages, "lieinter.runtime", version.ToLowerInvariant(), "lieinter.runtime." + version.ToLowerInvariant() + ".nupkg")), "LieInter.Runtime was not restored from the local feed into the consumer's packages folder");

            var run = Run(consumer, ["run", "--no-build", "-c", "Release", versionProperty], packages);
            output.WriteLine(run.Output);
            Assert.True(run.ExitCode == 0, "the consumer's generated model disagrees with the closed form:\n" + run.Output);
            Assert.Contains("generated model agrees with the closed form", run.Output);
            Assert.Contains("X -> Y (Scalar); Z -> Y (Scalar); Y -> Z (Scalar)", run.Output);

            // 3. The wrong model: LIE0101 (an error, so the build fails) and LIE0201, each with its help link.
            var wrong = Run(consumer, ["build", "-c", "Release", versionProperty, "-p:IncludeWrongModel=true"], packages);
            Assert.NotEqual(0, wrong.ExitCode);
            const string Docs = "https://github.com/lieinter/lieinter/blob/main/docs/diagnostics/";
            Assert.Matches(@"WrongModel\.cs\(12,\d+\): error LIE0101: 'System\.Math\.Abs' is not smooth\..*\(" + System.Text.RegularExpressions.Regex.Escape(Docs + "LIE0101.md") + @"\)", wrong.Output);
            Assert.Matches(@"WrongModel\.cs\(7,\d+\): warning LIE0201: The causal graph of 'WrongModel' has a cycle \(Y -> Z -> Y\).*\(" + System.Text.RegularExpressions.Regex.Escape(Docs + "LIE0201.md") + @"\)", wrong.Output);
            output.WriteLine($"pack, build, run and wrong build took {clock.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void CopySample(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj" || relative == "nuget.config")
            {
                continue;
            }

            string target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Runs the dotnet CLI with build servers and node reuse off (nothing is left running), in a clean
    /// environment: no MSBuild variables inherited from the test host, and, for the consumer, its own packages folder.</summary>
    private static (int ExitCode, string Output) Run(string directory, string[] args, string? isolatedPackages)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Build commands run without the compiler server and MSBuild node reuse (nothing outlives the test); `run
        // --no-build` takes no MSBuild switches.
        var switches = args[0] == "run" ? [] : new[] { "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false" };
        foreach (var a in args.Concat(switches))
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["TERM"] = "dumb";
        if (isolatedPackages is not null)
        {
            info.Environment["NUGET_PACKAGES"] = isolatedPackages;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var text = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (text) { text.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (text) { text.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"dotnet {string.Join(' ', args)} timed out after 5 minutes:\n{text}");
        }

        process.WaitForExit();
        lock (text)
        {
            return (process.ExitCode, $"> dotnet {string.Join(' ', args)} (in {directory})\n{text}");
        }
    }
}
