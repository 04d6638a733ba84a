using LieInter.Cli.Design;
using LieInter.Economics;

namespace LieInter.Cli.Tests;

/// <summary><c>lieinter design</c>, the main job, run as a user runs it.</summary>
public class DesignCommandTests
{
    [Fact]
    public void TheJobWritesOneCsvRowPerLambdaAndYearAndRealPlots()
    {
        using var temp = new TempFolder();
        string output = temp["run"];
        var run = Tool.Run("design", "--countries", "FRA", "--years", "2005", "2014", "--lambdas", "5", "--output", output);
        Assert.True(run.Exit == 0, run.ToString());

        var csv = File.ReadAllLines(Path.Combine(output, "tradeoff.csv"));
        Assert.StartsWith("region,year,table,lambda", csv[0]);
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(5 * 2, rows.Count);
        foreach (int year in new[] { 2005, 2014 })
        {
            Assert.Equal(5, rows.Count(r => r[0] == "FRA" && r[1] == year.ToString()));
        }

        var top = File.ReadAllLines(Path.Combine(output, "largest_employment_reductions.csv"));
        Assert.Equal(1 + 2 * 6, top.Length);

        var bytes = File.ReadAllBytes(Path.Combine(output, "tradeoff_FRA.png"));
        Assert.True(bytes.Length > 20_000, $"plot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        Assert.Equal((900, 600), (width, height));
        Assert.True(new HashSet<byte>(bytes.Skip(100)).Count > 200); // not a blank canvas

        // The marker lists exactly the files of the run; no staging folder is left beside it.
        string marker = File.ReadAllText(Path.Combine(output, "lieinter-run.json"));
        foreach (string f in Directory.GetFiles(output).Select(f => Path.GetFileName(f)).Where(f => f != "lieinter-run.json"))
        {
            Assert.Contains($"\"{f}\"", marker);
        }

        Assert.Single(Directory.GetFileSystemEntries(temp.Path));

        // WIOD carries CO2 only: the tables say so, and nothing is cut in redirected output.
        Assert.Contains("CO2 change %", run.Output);
        Assert.DoesNotContain("GHG", run.Output);
        Assert.DoesNotContain('…', run.Output);
        foreach (var sector in WiodDerivedCountry.Load(Path.Combine(DataRoot.Resolve(), "wiod2016", "derived"), "FRA").Sectors)
        {
            if (top.Any(l => l.Contains($",{sector.Code},", StringComparison.Ordinal)))
            {
                Assert.Contains(sector.Name, run.Output);
            }
        }
    }

    [Fact]
    public void AnUnconvergedPointIsMarkedInTheConsoleTheCsvAndThePlotAndTheJobExitsWithOne()
    {
        using var temp = new TempFolder();
        string output = temp["run"];
        // One trust-region step per point, from the previous point only: the deeper cuts cannot converge.
        var tables = new Tables.TableRequest { Dataset = "wiod", Countries = ["FRA"], Years = [2014] };
        tables.Check();
        var options = new DesignOptions { Tables = tables, LambdaCount = 4, OutputDirectory = output, MaxIterationsPerPoint = 1, StartFromGlobalOptimum = false };
        var text = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(1, DesignJob.Run(options, new ToolContext(text, error, interactive: false)));
        Assert.Contains("NOT CONVERGED (IterationLimit)", text.ToString());
        Assert.StartsWith("warning: ", error.ToString());

        var csv = File.ReadAllLines(Path.Combine(output, "tradeoff.csv"));
        var header = csv[0].Split(',');
        int converged = Array.IndexOf(header, "converged");
        int reason = Array.IndexOf(header, "exit_reason");
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Contains(rows, r => r[converged] == "false" && r[reason] == "IterationLimit");

        // The same design drawn: a hollow marker per unconverged point and a legend entry for it.
        var loaded = tables.Load().Single();
        var design = new GhgEmploymentDesign(loaded.Table.ToProblemData("CO2", "EMP"), new GhgEmploymentOptions { LambdaCount = 4, StartFromGlobalOptimum = false, TrustRegion = new LieInter.Optimization.TrustRegionL1Options { MaxIterations = 1 } });
        var (points, path) = design.Sweep();
        int unconverged = points.Count(p => !p.Converged);
        Assert.True(unconverged > 0);
        var plot = TradeOffPlot.Build("FRA", [new TableRun(loaded, design, points, path.IsMonotone, TimeSpan.Zero)], -5);
        int hollow = plot.GetPlottables().OfType<ScottPlot.Plottables.Marker>().Count(m => m.MarkerShape == ScottPlot.MarkerShape.OpenCircle);
        Assert.Equal(unconverged, hollow);
        Assert.Contains(plot.Legend.ManualItems, item => item.LabelText == "not converged");
    }

    [Fact]
    public void AFolderHoldingAnEarlierRunIsReplacedWholeAndOtherFoldersAreRefused()
    {
        using var temp = new TempFolder();
        string output = temp["run"];
        Assert.Equal(0, Tool.Run("design", "--countries", "FRA", "--years", "2014", "--lambdas", "3", "--output", output, "--format", "json").Exit);
        Assert.True(File.Exists(Path.Combine(output, "tradeoff.json")));

        // A second run replaces the first: its json does not linger beside the new csv.
        var second = Tool.Run("design", "--countries", "FRA", "--years", "2014", "--lambdas", "3", "--output", output);
        Assert.True(second.Exit == 0, second.ToString());
        Assert.True(File.Exists(Path.Combine(output, "tradeoff.csv")));
        Assert.False(File.Exists(Path.Combine(output, "tradeoff.json")));

        // A folder with someone else's files is refused before anything runs, and keeps its files.
        string other = temp["other"];
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "notes.txt"), "mine");
        var refused = Tool.Run("design", "--countries", "FRA", "--years", "2014", "--lambdas", "3", "--output", other);
        Assert.Equal(ExitCode.Usage, refused.Exit);
        Assert.Equal(["notes.txt"], Directory.GetFiles(other).Select(Path.GetFileName));
    }

    [Fact]
    public void CtrlCStopsTheRunAndLeavesNoResultFolder()
    {
        using var temp = new TempFolder();
        string output = temp["run"];
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = Tool.Run(cancel.Token, "design", "--dataset", "useeio", "--lambdas", "16", "--output", output);
        Assert.True(run.Exit == ExitCode.Cancelled, run.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed} to stop");
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path)); // no staging folder left either
        Assert.Equal(["error: cancelled; no results were written"], run.ErrorLines);
    }

    [Fact]
    public void TheVersionIsThePackageVersion()
    {
        var run = Tool.Run("--version");
        Assert.Equal(0, run.Exit);
        string props = File.ReadAllText(Path.Combine(Repository.Root(), "Directory.Build.props"));
        string version = System.Text.RegularExpressions.Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.Equal(version, run.Output.Trim());
    }
}
