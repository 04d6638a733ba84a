using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace LieInter.Generators.Tests;

/// <summary>The README's quickstart compiles with the generator, without warnings, and prints the closed-form
/// answer; CI runs the README's test command.</summary>
public class ReadmeTests
{
    private static string Readme => File.ReadAllText(Path.Combine(Sources.RepositoryRoot(), "README.md"));

    [Fact]
    public void TheQuickstartCompilesRunsAndMatchesTheClosedForm()
    {
        var block = Regex.Match(Readme, @"## Quickstart\s+```csharp\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README has no csharp block under ## Quickstart");
        string code = block.Groups["code"].Value;
        Assert.InRange(code.Split('\n').Length, 15, 40);

        var (output, generated, diagnostics) = GeneratorHarness.Run(code);
        Assert.Empty(diagnostics);
        Assert.Single(generated);
        var problems = GeneratorHarness.CompileDiagnostics(output);
        Assert.True(problems.IsEmpty, string.Join("\n", problems));

        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = Assembly.Load(stream.ToArray());
        var writer = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(writer);
        try
        {
            assembly.GetType("Quickstart")!.GetMethod("Main")!.Invoke(null, null);
        }
        finally
        {
            Console.SetOut(previous);
        }

        // z = a g alpha tau / (1 - a g beta) with a = 1/2; dz/du_y = dz/du_z = a g alpha tau / (1 - a g beta)^2.
        double z = 0.5 * 0.8 * 0.5 / (1 - 0.5 * 0.8 * 0.3);
        double dz = 0.5 * 0.8 * 0.5 / Math.Pow(1 - 0.5 * 0.8 * 0.3, 2);
        string expected = $"z = {z:F6}, dz/du_y = {dz:F6}, dz/du_z = {dz:F6}";
        Assert.Equal(expected, writer.ToString().Trim());
    }

    [Fact]
    public void CiRunsTheReadmeTestCommandAndTheReadmeGivesExactlyTwoCommands()
    {
        var commands = Regex.Matches(Readme.Split("## Quickstart")[0], @"```\n(?<cmd>dotnet [^\n]+)\n```").Select(m => m.Groups["cmd"].Value).ToList();
        Assert.Equal(2, commands.Count);
        Assert.Equal("dotnet run -c Release --project src/LieInter.Cli -- design", commands[0]);
        Assert.StartsWith("dotnet test", commands[1]);
        string ci = File.ReadAllText(Path.Combine(Sources.RepositoryRoot(), ".ci", "run"));
        Assert.Contains(commands[1], ci);
    }

    [Fact]
    public void EverySampleCommandInTheReadmeNamesAProjectOfTheSolution()
    {
        string root = Sources.RepositoryRoot();
        string solution = File.ReadAllText(Path.Combine(root, "LieInter.sln"));
        var projects = Regex.Matches(Readme, @"dotnet run -c Release --project (?<dir>(samples|src)/[A-Za-z0-9.]+)").Select(m => m.Groups["dir"].Value).Distinct().ToList();
        Assert.True(projects.Count >= 5, $"only {projects.Count} sample and tool commands in the README");
        foreach (var dir in projects)
        {
            string name = Path.GetFileName(dir);
            Assert.True(File.Exists(Path.Combine(root, dir, name + ".csproj")), $"README runs {dir}, which has no {name}.csproj");
            Assert.Contains($"{dir.Replace('/', '\\')}\\{name}.csproj", solution);
        }
    }
}
