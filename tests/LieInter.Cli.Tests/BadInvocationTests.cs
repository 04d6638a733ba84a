using LieInter.Economics;
using LieInter.Tests.Economics;

namespace LieInter.Cli.Tests;

/// <summary>
/// Every bad argument or bad file: the documented exit code (2 usage, 1 data or solver failure), exactly one line on
/// standard error that starts with "error: " and names the problem, no stack trace, and no results folder.
/// </summary>
public sealed class BadInvocationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public BadInvocationTests()
    {
        var table = TestTables.ThreeRegions();
        PymrioFolder.Save(table, _temp["pymrio"]);
        EeioCsvFolder.Save(table.RegionBlock("FR"), _temp["csv"]);
        File.WriteAllText(_temp["a-file"], "not a folder");
        Directory.CreateDirectory(_temp["someone-elses"]);
        File.WriteAllText(Path.Combine(_temp["someone-elses"], "thesis.tex"), "keep me");

        // Bad files: a number that is not one, and a pymrio folder without its file list.
        CopyFolder(_temp["csv"], _temp["csv-bad-number"]);
        var lines = File.ReadAllLines(Path.Combine(_temp["csv-bad-number"], "A.csv"));
        var cells = lines[2].Split(',');
        cells[2] = "twelve";
        lines[2] = string.Join(",", cells);
        File.WriteAllLines(Path.Combine(_temp["csv-bad-number"], "A.csv"), lines);
        CopyFolder(_temp["csv"], _temp["csv-no-sectors"]);
        File.Delete(Path.Combine(_temp["csv-no-sectors"], "sectors.csv"));
        CopyFolder(_temp["pymrio"], _temp["pymrio-no-parameters"]);
        File.Delete(Path.Combine(_temp["pymrio-no-parameters"], PymrioFolder.FileParameters));
    }

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, int, string> Invocations => new()
    {
        // usage: the option or value is wrong
        { "design --countries XYZ", ExitCode.Usage, "unknown WIOD country 'XYZ'" },
        { "design --years 1999", ExitCode.Usage, "no year 1999" },
        { "design --dataset foo", ExitCode.Usage, "unknown dataset 'foo'" },
        { "design --min-multiplier 2", ExitCode.Usage, "--min-multiplier 2" },
        { "design --min-multiplier 0", ExitCode.Usage, "--min-multiplier 0" },
        { "design --max-multiplier 0.5", ExitCode.Usage, "--max-multiplier 0.5" },
        { "design --lambdas 0", ExitCode.Usage, "at least 2 lambdas" },
        { "design --lambdas 1", ExitCode.Usage, "at least 2 lambdas" },
        { "design --lambdas many", ExitCode.Usage, "many" },
        { "design --format xml", ExitCode.Usage, "unknown format 'xml'" },
        { "design --employment-target 5", ExitCode.Usage, "--employment-target 5" },
        { "design --no-such-option", ExitCode.Usage, "--no-such-option" },
        { "frobnicate", ExitCode.Usage, "frobnicate" },
        { "design --data {temp}/missing", ExitCode.Usage, "missing: folder not found" },
        { "design --csv {temp}/missing", ExitCode.Usage, "folder not found" },
        { "design --csv {temp}/csv --pymrio {temp}/pymrio", ExitCode.Usage, "give one" },
        { "design --region FR", ExitCode.Usage, "--region applies to a --pymrio folder" },
        { "design --pymrio {temp}/pymrio --region XX", ExitCode.Usage, "regions DE, FR, CN" },
        { "design --ghg NOPE", ExitCode.Usage, "--ghg NOPE" },
        { "design --ghg CO2 EMP", ExitCode.Usage, "need --gwp" },
        { "design --gwp ar9", ExitCode.Usage, "unknown GWP preset 'ar9'" },
        { "design --pymrio {temp}/pymrio --employment Jobs", ExitCode.Usage, "--employment Jobs" },
        { "design --output {temp}/a-file", ExitCode.Usage, "is a file" },
        { "design --output {temp}/a-file/run", ExitCode.Usage, "not writable" },
        { "design --output {temp}/someone-elses", ExitCode.Usage, "not a LieInter run" },
        { "accuracy --blocks diagonal", ExitCode.Usage, "--blocks diagonal" },
        { "accuracy --methods warp-drive", ExitCode.Usage, "unknown method 'warp-drive'" },
        { "rebound --efficiency 1.5", ExitCode.Usage, "--efficiency 1.5" },
        { "rebound --points 1", ExitCode.Usage, "--points 1" },
        // data: the files are wrong
        { "design --csv {temp}/csv-bad-number", ExitCode.Failure, "A.csv:3" },
        { "solve --csv {temp}/csv-no-sectors", ExitCode.Failure, "sectors.csv" },
        { "list --pymrio {temp}/pymrio-no-parameters", ExitCode.Failure, "file_parameters.json" },
    };

    [Theory]
    [MemberData(nameof(Invocations))]
    public void EachBadInvocationGivesOneErrorLineAndItsExitCode(string arguments, int exit, string named)
    {
        string output = _temp["results"];
        var args = arguments.Replace("{temp}", _temp.Path).Split(' ');
        if (!args.Contains("--output") && args[0] is "design" or "solve" or "accuracy" or "rebound")
        {
            args = [.. args, "--output", output];
        }

        var run = Tool.Run(args);
        Assert.True(run.Exit == exit, run.ToString());
        var error = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", error);
        Assert.Contains(named, error);
        Assert.DoesNotContain(run.AllLines, l => l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(output), "a failed run left a results folder");
        Assert.Empty(Directory.GetDirectories(_temp.Path, ".*"));
        Assert.Equal(["thesis.tex"], Directory.GetFiles(_temp["someone-elses"]).Select(Path.GetFileName));
    }

    [Fact]
    public void AnEmptyDesignSpaceIsAWarningAndWritesNoResults()
    {
        string output = _temp["results"];
        var run = Tool.Run("design", "--countries", "FRA", "--years", "2014", "--min-multiplier", "1", "--output", output);
        Assert.Equal(ExitCode.Failure, run.Exit);
        Assert.StartsWith("warning: --min-multiplier 1: no sector's final demand can be cut", Assert.Single(run.ErrorLines));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void VerboseAddsTheStackTraceAfterTheErrorLine()
    {
        var run = Tool.Run("design", "--csv", Path.Combine(_temp.Path, "csv-bad-number"), "--output", _temp["results"], "--verbose");
        Assert.Equal(ExitCode.Failure, run.Exit);
        Assert.StartsWith("error: ", run.ErrorLines[0]);
        Assert.Contains(run.AllLines, l => l.StartsWith("   at ", StringComparison.Ordinal));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to));
        }

        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to));
        }
    }
}
