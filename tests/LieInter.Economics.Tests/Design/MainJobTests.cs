using LieInter.Samples.GhgEmployment;

namespace LieInter.Tests.Design;

public class MainJobTests
{
    [Fact]
    public void TheJobWritesOneCsvRowPerLambdaAndYearAndRealPlots()
    {
        string output = Path.Combine(Path.GetTempPath(), "lieinter-job-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new JobOptions { Countries = ["FRA"], Years = [2005, 2014], LambdaCount = 5, OutputDirectory = output };
            var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(new StringWriter()) });
            int exit = Job.Run(options, console);
            Assert.Equal(0, exit);

            var csv = File.ReadAllLines(Path.Combine(output, "tradeoff.csv"));
            Assert.StartsWith("country,year,lambda", csv[0]);
            var rows = csv.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(5 * 2, rows.Count);
            foreach (int year in new[] { 2005, 2014 })
            {
                Assert.Equal(5, rows.Count(r => r[0] == "FRA" && r[1] == year.ToString()));
            }

            var top = File.ReadAllLines(Path.Combine(output, "largest_employment_reductions.csv"));
            Assert.Equal(1 + 2 * 6, top.Length);

            string png = Path.Combine(output, "tradeoff_FRA.png");
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 20_000, $"plot is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
            int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            Assert.Equal((900, 600), (width, height));

            // Not a blank canvas: many distinct colours.
            var distinct = new HashSet<byte>(bytes.Skip(100));
            Assert.True(distinct.Count > 200);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void AnUnconvergedPointIsMarkedInTheConsoleTheCsvAndThePlotAndTheJobExitsWithOne()
    {
        string output = Path.Combine(Path.GetTempPath(), "lieinter-job-" + Guid.NewGuid().ToString("N"));
        try
        {
            // One trust-region step per point, from the previous point only: the deeper cuts cannot converge.
            var options = new JobOptions { Countries = ["FRA"], Years = [2014], LambdaCount = 4, OutputDirectory = output, MaxIterationsPerPoint = 1, StartFromGlobalOptimum = false };
            var text = new StringWriter();
            var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(text) });
            console.Profile.Width = 240; // one table row per line, so the status cell is not wrapped
            Assert.Equal(1, Job.Run(options, console));
            Assert.Contains("NOT CONVERGED (IterationLimit)", text.ToString());

            var csv = File.ReadAllLines(Path.Combine(output, "tradeoff.csv"));
            var header = csv[0].Split(',');
            int converged = Array.IndexOf(header, "converged");
            int reason = Array.IndexOf(header, "exit_reason");
            var rows = csv.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Contains(rows, r => r[converged] == "false" && r[reason] == "IterationLimit");

            // The same design drawn: a hollow marker per unconverged point and a legend entry for it.
            var table = LieInter.Economics.WiodDerivedCountry.Load(Path.Combine(LieInter.Economics.DataRoot.Resolve(), "wiod2016", "derived"), "FRA").Table(2014);
            var design = new LieInter.Economics.GhgEmploymentDesign(table.ToProblemData("CO2", "EMP"), new LieInter.Economics.GhgEmploymentOptions { LambdaCount = 4, StartFromGlobalOptimum = false, TrustRegion = new LieInter.Optimization.TrustRegionL1Options { MaxIterations = 1 } });
            var (points, path) = design.Sweep();
            int unconverged = points.Count(p => !p.Converged);
            Assert.True(unconverged > 0);
            var plot = TradeOffPlot.Build("FRA", [new TableRun("FRA", 2014, design, points, path.IsMonotone, TimeSpan.Zero)], -5);
            int hollow = plot.GetPlottables().OfType<ScottPlot.Plottables.Marker>().Count(m => m.MarkerShape == ScottPlot.MarkerShape.OpenCircle);
            Assert.Equal(unconverged, hollow);
            Assert.Contains(plot.Legend.ManualItems, item => item.LabelText == "not converged");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
