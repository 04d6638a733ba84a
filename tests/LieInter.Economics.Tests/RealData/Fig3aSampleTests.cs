using System.Buffers.Binary;
using System.Globalization;
using EquilibriumAccuracy;
using LieInter.Equilibrium;
using LieInter.Solvers;
using Xunit.Abstractions;

namespace LieInter.Tests.RealData;

/// <summary>Runs the Fig. 3a sample's core once on a reduced grid (every country, three years, every WIOD dimension
/// of the figure, two USEEIO dimensions) and writes its CSVs and plots to a temporary folder.</summary>
public sealed class Fig3aRunFixture : IDisposable
{
    public static readonly int[] WiodDimensions = [5, 10, 20, 30, 40, 56];
    public static readonly int[] UseeioDimensions = [5, 100];
    public static readonly int[] Years = [2000, 2007, 2014];
    public static readonly int[] Budgets = [20, 200];

    public Fig3aRunFixture()
    {
        Output = Path.Combine(Path.GetTempPath(), "lieinter-fig3a-" + Guid.NewGuid().ToString("N"));
        var log = new StringWriter();
        Result = Fig3aExperiment.Run(
            new Fig3aSettings { WiodYears = Years, WiodDimensions = WiodDimensions, UseeioDimensions = UseeioDimensions, Budgets = Budgets },
            log);
        Files = Fig3aOutput.WriteAll(Result, Output);
        Log = log.ToString();
    }

    public string Output { get; }

    public Fig3aResult Result { get; }

    public IReadOnlyList<string> Files { get; }

    public string Log { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Output, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public class Fig3aSampleTests : IClassFixture<Fig3aRunFixture>
{
    private const int WiodTables = 15; // 5 countries x 3 years
    private readonly Fig3aRunFixture _run;
    private readonly ITestOutputHelper _output;

    public Fig3aSampleTests(Fig3aRunFixture run, ITestOutputHelper output)
    {
        _run = run;
        _output = output;
    }

    [Fact]
    public void SummaryCsvHasOneRowPerDatasetDimensionMethodAndBudget()
    {
        var lines = File.ReadAllLines(Path.Combine(_run.Output, "fig3a.csv"));
        Assert.Equal(Fig3aOutput.SummaryHeader, lines[0]);
        Assert.StartsWith("dimension,dataset,method,budget,mean,std,count", lines[0]);
        var rows = lines.Skip(1).Select(CsvRow.Parse).ToList();
        int methods = Fig3aExperiment.Methods.Count;
        Assert.Equal(7, methods);
        Assert.Equal((Fig3aRunFixture.WiodDimensions.Length + Fig3aRunFixture.UseeioDimensions.Length) * methods * Fig3aRunFixture.Budgets.Length, rows.Count);
        foreach (var (dataset, dims, count) in new[] { (Fig3aExperiment.Wiod, Fig3aRunFixture.WiodDimensions, WiodTables), (Fig3aExperiment.Useeio, Fig3aRunFixture.UseeioDimensions, 1) })
        {
            foreach (int d in dims)
            {
                foreach (var m in Fig3aExperiment.Methods)
                {
                    foreach (int b in Fig3aRunFixture.Budgets)
                    {
                        var row = Assert.Single(rows, r => r.Dataset == dataset && r.Dimension == d && r.Method == m.Key && r.Budget == b);
                        Assert.Equal(count, row.Count);
                        Assert.Equal(0, row.NonFinite);
                        Assert.True(row.Mean >= 0 && row.Std >= 0 && row.Min <= row.Mean && row.Mean <= row.Max, $"{dataset} {d} {m.Key} {b}: mean {row.Mean}, std {row.Std}, min {row.Min}, max {row.Max}");
                        if (count == 1)
                        {
                            Assert.Equal(0, row.Std);
                        }
                    }
                }
            }
        }

        var runs = File.ReadAllLines(Path.Combine(_run.Output, "fig3a_runs.csv"));
        Assert.Equal(Fig3aOutput.RunsHeader, runs[0]);
        Assert.Equal(((WiodTables * Fig3aRunFixture.WiodDimensions.Length) + Fig3aRunFixture.UseeioDimensions.Length) * methods * Fig3aRunFixture.Budgets.Length, runs.Length - 1);
    }

    [Fact]
    public void SummaryStatisticsAreComputedFromTheRuns()
    {
        foreach (var s in _run.Result.Summary)
        {
            var v = _run.Result.Runs.Where(r => r.Dataset == s.Dataset && r.Dimension == s.Dimension && r.Method == s.Method && r.Budget == s.Budget)
                .Select(r => r.RelativeError).ToArray();
            Assert.Equal(v.Length, s.Count);
            double mean = v.Sum() / v.Length;
            Assert.Equal(mean, s.Mean, 1e-30 + (1e-12 * mean));
            double std = Math.Sqrt(v.Sum(e => (e - mean) * (e - mean)) / v.Length);
            Assert.Equal(std, s.Std, 1e-30 + (1e-9 * std));
            Assert.Equal(v.Max(), s.Max);
        }
    }

    [Fact]
    public void FixedBudgetMethodsRunTheWholeBudget()
    {
        var fixedBudget = Fig3aExperiment.Methods.Where(m => m.RunsFullBudget).Select(m => m.Key).ToHashSet();
        Assert.Equal(3, fixedBudget.Count);
        int early = 0;
        foreach (var r in _run.Result.Runs.Where(r => fixedBudget.Contains(r.Method)))
        {
            // Tolerances are 0, so the only early exit is an exactly zero residual (a floating-point fixed point).
            if (r.ExitReason == SolveExitReason.Converged)
            {
                Assert.Equal(0.0, r.RelativeError);
                Assert.True(r.Iterations <= r.Budget);
                early++;
            }
            else
            {
                Assert.Equal(SolveExitReason.IterationLimit, r.ExitReason);
                Assert.Equal(r.Budget, r.Iterations);
            }
        }

        _output.WriteLine($"{early} fixed-budget runs reached an exactly zero residual before the budget");
    }

    [Fact]
    public void PlotsArePngFilesOfTheRequestedSize()
    {
        var pngs = _run.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, pngs.Count);
        foreach (string dataset in new[] { Fig3aExperiment.Wiod, Fig3aExperiment.Useeio })
        {
            foreach (int b in Fig3aRunFixture.Budgets)
            {
                string path = Path.Combine(_run.Output, Fig3aOutput.PlotFileName(dataset, b));
                Assert.Contains(path, pngs);
                var bytes = File.ReadAllBytes(path);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
                Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
                Assert.Equal(Fig3aOutput.PlotWidth, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
                Assert.Equal(Fig3aOutput.PlotHeight, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
                Assert.True(bytes.Length > 20_000, $"{path} is only {bytes.Length} bytes: five lines, legend and axes should need more");
                _output.WriteLine($"{Path.GetFileName(path)}: {bytes.Length} bytes");
            }
        }
    }

    [Fact]
    public void DefaultPolicyReachesTenToTheMinusTenOnEveryWiodDimensionAndTheDifferenceFormStallsWhereThePapersFormDoesNot()
    {
        var rows = File.ReadAllLines(Path.Combine(_run.Output, "fig3a.csv")).Skip(1).Select(CsvRow.Parse)
            .Where(r => r.Dataset == Fig3aExperiment.Wiod && r.Budget == 200).ToList();
        foreach (int d in Fig3aRunFixture.WiodDimensions)
        {
            foreach (string ours in new[] { "default-policy", "anderson-safeguarded" })
            {
                var row = rows.Single(r => r.Method == ours && r.Dimension == d);
                Assert.True(row.Max <= 1e-10, $"{ours}, n = {d}: worst relative error {row.Max:E2} over {row.Count} tables");
                Assert.True(row.SolutionErrorMax <= 1e-10, $"{ours}, n = {d}: worst distance to LU {row.SolutionErrorMax:E2}");
            }
        }

        // The difference form with the paper's absolute regularisation (what an earlier port ran as the paper's
        // solver) stalls above 1e-11 somewhere; the paper's own constrained form stops by its rule at tol 1e-12.
        var difference = rows.Where(r => r.Method.EndsWith("-difference", StringComparison.Ordinal) && r.Mean > 1e-11).ToList();
        Assert.NotEmpty(difference);
        _output.WriteLine("Difference form above 1e-11 at 200 iterations: " + string.Join("; ", difference.Select(r => $"{r.Method} n = {r.Dimension}: mean {r.Mean:E1}, max {r.Max:E1}")));
        foreach (var paper in rows.Where(r => r.Method.EndsWith("-paper", StringComparison.Ordinal) && r.Method.StartsWith("anderson", StringComparison.Ordinal)))
        {
            Assert.True(paper.Max <= 1e-11, $"{paper.Method}, n = {paper.Dimension}: worst relative error {paper.Max:E2} (the reference's rule stops at 1e-12 of ||f(x)||)");
        }
        _output.WriteLine(Fig3aOutput.SummaryTable(_run.Result.Summary));
        _output.WriteLine(_run.Log);
    }

    [Fact]
    public void EveryCsvRowNamesTheFormulationOfItsMethod()
    {
        var methods = File.ReadAllLines(Path.Combine(_run.Output, "fig3a_methods.csv"));
        Assert.Equal(Fig3aOutput.MethodsHeader, methods[0]);
        Assert.Equal(Fig3aExperiment.Methods.Count, methods.Length - 1);
        foreach (var m in Fig3aExperiment.Methods)
        {
            Assert.Contains(methods, l => l.StartsWith(m.Key + ",", StringComparison.Ordinal) && l.Contains(m.Formulation, StringComparison.Ordinal));
        }

        Assert.Contains("constrained Anderson, bordered KKT", Fig3aExperiment.Methods.Single(m => m.Key == "anderson-b2-paper").Formulation);
        Assert.Contains("difference-form", Fig3aExperiment.Methods.Single(m => m.Key == "anderson-b2-difference").Formulation);
        var runs = File.ReadAllLines(Path.Combine(_run.Output, "fig3a_runs.csv"));
        Assert.EndsWith(",formulation", runs[0]);
        Assert.All(runs.Skip(1), l => Assert.Contains(Fig3aExperiment.Methods.Select(m => m.Formulation), f => l.EndsWith("\"" + f + "\"", StringComparison.Ordinal) || l.EndsWith("," + f, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void ThePapersAndersonWithToleranceZeroDoesNotStallOnFrance2014(double beta)
    {
        // The difference form stalled near 5e-10 here; the constrained form keeps converging to rounding.
        var table = LieInter.Economics.WiodDerivedCountry.Load(Path.Combine(LieInter.Economics.DataRoot.Resolve(), "wiod2016", "derived"), "FRA").Table(2014);
        var (a, y) = Fig3aExperiment.Block(table, table.SectorCount, Fig3aBlocks.Reference);
        var system = new EquilibriumSystem(new LieInter.Models.LeontiefQuantityModel(a, y));
        var z = new double[y.Length];
        new PaperAnderson(new PaperAndersonOptions { Mixing = beta, Tolerance = 0 }).TrySolve(system, z, new SolverOptions { MaxIterations = 200 }, out var report);
        var x = new double[y.Length];
        system.Evaluate(z, x);
        double error = Fig3aExperiment.RelativeError(system, x);
        _output.WriteLine($"beta {beta}: relative error {error:E2} at f(z*) after {report.FunctionEvaluations} evaluations");
        Assert.True(error <= 1e-15, $"beta {beta}: relative error {error:E2} at budget 200");
    }

    [Fact]
    public void NonFiniteRunsAreKeptAndCounted()
    {
        var runs = new[]
        {
            new Fig3aRun("WIOD", "A 2000", 5, "forward", 20, 1e-12, 1e-12, SolveExitReason.IterationLimit, 20, "forward iteration"),
            new Fig3aRun("WIOD", "B 2000", 5, "forward", 20, double.NaN, double.NaN, SolveExitReason.NotANumber, 7, "forward iteration"),
            new Fig3aRun("WIOD", "C 2000", 5, "forward", 20, 3e-12, 3e-12, SolveExitReason.IterationLimit, 20, "forward iteration"),
            new Fig3aRun("WIOD", "A 2000", 10, "forward", 20, 2e-12, 2e-12, SolveExitReason.IterationLimit, 20, "forward iteration"),
        };
        var summary = Fig3aExperiment.Summarise(runs);
        var blown = summary.Single(s => s.Dimension == 5);
        Assert.Equal(3, blown.Count);
        Assert.Equal(1, blown.NonFinite);
        Assert.True(double.IsNaN(blown.Mean) && double.IsNaN(blown.Std) && double.IsNaN(blown.Max));
        Assert.Equal(1e-12, blown.Min);

        string folder = Path.Combine(_run.Output, "nonfinite");
        Directory.CreateDirectory(folder);
        var csv = File.ReadAllLines(Fig3aOutput.WriteSummaryCsv(summary, Path.Combine(folder, "s.csv")));
        Assert.Contains(csv, l => l.StartsWith("5,WIOD,forward,20,NaN,NaN,3,", StringComparison.Ordinal) && l.Split(',')[9] == "1");
        string png = Fig3aOutput.Plot(summary, "WIOD", 20, Path.Combine(folder, "p.png"));
        Assert.True(new FileInfo(png).Length > 0);
    }

    private sealed record CsvRow(int Dimension, string Dataset, string Method, int Budget, double Mean, double Std, int Count, double Min, double Max, int NonFinite, double SolutionErrorMean, double SolutionErrorMax)
    {
        public static CsvRow Parse(string line)
        {
            var f = line.Split(',');
            Assert.Equal(12, f.Length);
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            int I(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
            return new CsvRow(I(0), f[1], f[2], I(3), D(4), D(5), I(6), D(7), D(8), I(9), D(10), D(11));
        }
    }
}
