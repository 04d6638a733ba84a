using LieInter.Cli.Commands;
using LieInter.Models;
using LieInter.Samples.Rebound;

namespace LieInter.Cli.Tests;

/// <summary>The paper's experiments as tool commands: <c>rebound</c> (Fig. 4) and <c>accuracy</c> (Fig. 3a).</summary>
public sealed class ExperimentCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(0.01, 0.6)]
    [InlineData(0.1, 0.6)]
    [InlineData(0.19, 0.8)]
    public void ReboundMeasuresMatchTheClosedForm(double a, double d)
    {
        var row = ReboundCommand.Measure(a, d);
        int e = ReboundModel.Energy;
        var reference = ReboundClosedForm.Solve(a, 1);
        Assert.Equal(reference.X[e], row.Reference, 10);
        Assert.Equal(ReboundClosedForm.Solve(a, d).X[e], row.Lie, 10);
        Assert.Equal(ReboundClosedForm.Solve(a, d, reference.P[0]).X[e], row.Invariant, 10);
        Assert.True(row.LieRebound > 1, "the plain efficiency gain backfires in the paper's setting");
        Assert.InRange(row.InvariantRebound, -0.05, 0.05);
    }

    [Fact]
    public void ReboundWritesItsTableCsvAndPlot()
    {
        var run = Tool.Run("rebound", "--points", "4", "--output", _temp["rebound"]);
        Assert.True(run.Exit == 0, run.ToString());
        var csv = File.ReadAllLines(Path.Combine(_temp["rebound"], "rebound.csv"));
        Assert.Equal(1 + 4, csv.Length);
        Assert.Contains("backfire (rebound > 100%) at 4 of 4 points", run.Output);
        Assert.True(new FileInfo(Path.Combine(_temp["rebound"], "rebound.png")).Length > 10_000);
    }

    [Fact]
    public void AccuracyRunsFig3aOnASmallGrid()
    {
        var run = Tool.Run("accuracy", "--countries", "FRA", "--years", "2014", "--wiod-dims", "5", "10", "--useeio-dims", "0", "--budgets", "20", "--methods", "forward", "--output", _temp["fig3a"]);
        Assert.True(run.Exit == 0, run.ToString());
        var rows = File.ReadAllLines(Path.Combine(_temp["fig3a"], "fig3a_runs.csv"));
        Assert.Equal(1 + 2, rows.Length);
        Assert.True(File.Exists(Path.Combine(_temp["fig3a"], "lieinter-run.json")));
        Assert.All(rows.Skip(1), r => Assert.Contains(",forward,", r));
    }
}
