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
}
