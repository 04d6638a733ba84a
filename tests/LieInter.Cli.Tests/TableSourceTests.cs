using System.Globalization;
using LieInter.Economics;
using LieInter.Tests.Economics;

namespace LieInter.Cli.Tests;

/// <summary>The design, solve and list commands on a researcher's own tables: pymrio text folders and CSV folders.</summary>
public sealed class TableSourceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void DesignOnOneRegionOfAPymrioFolderEqualsTheSameBlockLoadedAsCsv()
    {
        PymrioFolder.Save(TestTables.ThreeRegions(), _temp["pymrio"]);
        EeioCsvFolder.Save(PymrioFolder.Load(_temp["pymrio"]).RegionBlock("FR"), _temp["csv"]);

        var fromPymrio = Tool.Run("design", "--pymrio", _temp["pymrio"], "--region", "FR", "--lambdas", "5", "--output", _temp["a"]);
        Assert.True(fromPymrio.Exit == 0, fromPymrio.ToString());
        var fromCsv = Tool.Run("design", "--csv", _temp["csv"], "--lambdas", "5", "--output", _temp["b"]);
        Assert.True(fromCsv.Exit == 0, fromCsv.ToString());

        var a = Rows(Path.Combine(_temp["a"], "tradeoff.csv"));
        var b = Rows(Path.Combine(_temp["b"], "tradeoff.csv"));
        Assert.Equal(5, a.Count);
        Assert.Equal(a.Count, b.Count);
        foreach (string column in new[] { "lambda", "objective", "ghg", "ghg_change_pct", "employment", "employment_change_pct", "employment_moved_pct" })
        {
            for (int k = 0; k < a.Count; k++)
            {
                double x = Number(a[k][column]), y = Number(b[k][column]);
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{column} at point {k}: pymrio {x}, csv {y}");
            }
        }

        Assert.All(a, r => Assert.Equal("true", r["converged"]));
        Assert.Contains(a, r => Number(r["ghg_change_pct"]) < -1); // the design does cut emissions
        Assert.Equal("CO2", a[0]["ghg_name"]);
    }

    [Fact]
    public void DesignOnAllRegionsRunsTheMultiRegionalModel()
    {
        PymrioFolder.Save(TestTables.ThreeRegions(), _temp["pymrio"]);
        var run = Tool.Run("design", "--pymrio", _temp["pymrio"], "--lambdas", "3", "--format", "json", "--output", _temp["all"]);
        Assert.True(run.Exit == 0, run.ToString());
        var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_temp["all"], "tradeoff.json")));
        var point = doc.RootElement[0].GetProperty("Points")[2];
        Assert.Equal(9, point.GetProperty("Multipliers").GetArrayLength());
    }

    [Fact]
    public void GasRowsAreWeighedWithTheGwpPresetAndLabelledGhg()
    {
        var table = TestTables.ThreeRegions();
        var co2 = table.GetStressor("CO2");
        var ch4 = new Stressor("CH4", "t", co2.OutputUnit, co2.Intensity.ToArray().Select(v => 2 * v).ToArray(), "methane, test row", "emissions");
        PymrioFolder.Save(table.WithStressors(ch4), _temp["gases"]);
        var run = Tool.Run("design", "--pymrio", _temp["gases"], "--region", "DE", "--ghg", "CO2", "CH4", "--gwp", "ar5", "--lambdas", "2", "--output", _temp["ghg"]);
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("GHG change %", run.Output);
        var first = Rows(Path.Combine(_temp["ghg"], "tradeoff.csv"))[0];
        Assert.Equal("GHG", first["ghg_name"]);
        Assert.Equal("kt CO2-eq", first["ghg_unit"]);

        // The reference total: CO2 in kt plus 28 (AR5 GWP100) times CH4 given in tonnes.
        var block = PymrioFolder.Load(_temp["gases"]).RegionBlock("DE");
        double expected = block.StressorTotal("CO2").Value + 28 * block.StressorTotal("CH4").Value / 1000;
        double reference = Number(first["ghg"]) / (1 + Number(first["ghg_change_pct"]) / 100);
        Assert.Equal(1, reference / expected, 9);
    }

    [Fact]
    public void SolveWritesOutputAndFootprintsThatAddUp()
    {
        var table = TestTables.ThreeRegions();
        PymrioFolder.Save(table, _temp["pymrio"]);
        var run = Tool.Run("solve", "--pymrio", _temp["pymrio"], "--output", _temp["solve"]);
        Assert.True(run.Exit == 0, run.ToString());
        var rows = Rows(Path.Combine(_temp["solve"], "footprints.csv"));
        foreach (var stressor in table.Stressors)
        {
            var mine = rows.Where(r => r["stressor"] == stressor.Name).ToList();
            Assert.Equal(3, mine.Count);
            double pba = mine.Sum(r => Number(r["production_based"])), cba = mine.Sum(r => Number(r["consumption_based"]));
            double total = table.StressorTotal(stressor.Name).Value;
            Assert.Equal(1, pba / total, 10);
            Assert.Equal(1, cba / total, 10);
        }

        Assert.Equal(1 + 9, File.ReadAllLines(Path.Combine(_temp["solve"], "output.csv")).Length);
    }

    [Fact]
    public void RedirectedOutputCutsNoHeaderAndNoSectorName()
    {
        // USEEIO has the longest sector names the repository ships.
        var run = Tool.Run("list", "--dataset", "useeio");
        Assert.True(run.Exit == 0, run.ToString());
        Assert.DoesNotContain('…', run.Output);
        var table = UseeioModel.Load(Path.Combine(DataRoot.Resolve(), "useeio", "USEEIOv2.0.1-411"));
        Assert.All(table.Sectors, s => Assert.Contains(s.Name, run.Output));
        Assert.DoesNotContain('\u001b', run.Output); // no colour codes in a file
    }

    private static List<Dictionary<string, string>> Rows(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        // The compared files quote no field that holds a comma in the columns read here.
        return lines.Skip(1).Select(l => Split(l).Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v)).ToList();
    }

    private static IEnumerable<string> Split(string line)
    {
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                yield return field.ToString();
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        yield return field.ToString();
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
