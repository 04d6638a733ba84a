namespace LieInter.Cli.Tests;

/// <summary>Runs the tool in-process, as a redirected command line would (plain text, no terminal).</summary>
internal static class Tool
{
    public sealed record Result(int Exit, string Output, string Error)
    {
        public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public IEnumerable<string> AllLines => (Output + "\n" + Error).Split('\n');

        public override string ToString() => $"exit {Exit}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static Result Run(params string[] args) => Run(default, args);

    public static Result Run(CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = LieInterTool.RunAsync(args, output, error, interactive: false, cancellation).GetAwaiter().GetResult();
        return new Result(exit, output.ToString(), error.ToString());
    }
}

/// <summary>A fresh folder under the system's temporary folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lieinter-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

internal static class Repository
{
    /// <summary>The clone's root: the folder above the test's output that holds LieInter.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LieInter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no LieInter.sln above {AppContext.BaseDirectory}");
    }
}
