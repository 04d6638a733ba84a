using LieInter.Economics;

namespace LieInter.Tests.Economics;

public class PymrioAndCsvLayoutTests
{
    // A 2-region x 2-sector system with whole-number flows: x chosen first, Z given, y = x - Z 1.
    private static readonly string[] Regions = { "r1", "r1", "r2", "r2" };
    private static readonly string[] SectorNames = { "food", "mining", "food", "mining" };
    private static readonly double[] X = { 100, 200, 150, 250 };
    private static readonly double[,] Z =
    {
        { 10, 20, 5, 0 },
        { 15, 30, 10, 25 },
        { 0, 5, 20, 10 },
        { 5, 10, 15, 40 },
    };

    internal static string HeaderRows(string firstName, string secondName, int indexColumns)
    {
        string pad = new string('\t', indexColumns - 1);
        return $"{firstName}{pad}\t{string.Join("\t", Regions)}\n{secondName}{pad}\t{string.Join("\t", SectorNames)}\n";
    }

    /// <summary>Writes the folder exactly as pandas/pymrio save_all would (tab-separated, MultiIndex headers, strings for counts).</summary>
    internal static void WriteHandMadePymrio(TempFolder tmp, string root, bool withA)
    {
        var z = new System.Text.StringBuilder(HeaderRows("region", "sector", 2)).Append("region\tsector\t\t\t\t\n");
        var a = new System.Text.StringBuilder(HeaderRows("region", "sector", 2)).Append("region\tsector\t\t\t\t\n");
        var y = new System.Text.StringBuilder("region\t\tr1\tr1\tr2\tr2\ncategory\t\tHH\tGOV\tHH\tGOV\nregion\tsector\t\t\t\t\n");
        var x = new System.Text.StringBuilder("region\tsector\tindout\n");
        var unit = new System.Text.StringBuilder("region\tsector\tunit\n");
        for (int i = 0; i < 4; i++)
        {
            string label = $"{Regions[i]}\t{SectorNames[i]}";
            double rowSum = 0;
            z.Append(label);
            a.Append(label);
            for (int j = 0; j < 4; j++)
            {
                z.Append('\t').Append(Z[i, j].ToString(System.Globalization.CultureInfo.InvariantCulture));
                // pandas float_format '%.12g': 12 significant digits.
                a.Append('\t').Append((Z[i, j] / X[j]).ToString("G12", System.Globalization.CultureInfo.InvariantCulture));
                rowSum += Z[i, j];
            }

            double fd = X[i] - rowSum;
            z.Append('\n');
            a.Append('\n');
            // Final demand: households in the sector's own region get 70 %, government the rest; the other region nothing.
            bool first = Regions[i] == "r1";
            double hh = Math.Round(0.7 * fd, 6), gov = fd - hh;
            y.Append(label).Append('\t').Append(first ? hh : 0).Append('\t').Append(first ? gov : 0).Append('\t').Append(first ? 0 : hh).Append('\t').Append(first ? 0 : gov).Append('\n');
            x.Append(label).Append('\t').Append(X[i]).Append('\n');
            unit.Append(label).Append("\tM.EUR\n");
        }

        string files = withA
            ? "\"A\": {\"name\": \"A.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"2\"}, \"Y\": {\"name\": \"Y.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"2\"}, \"x\": {\"name\": \"x.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"1\"}, \"unit\": {\"name\": \"unit.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"1\"}"
            : "\"Z\": {\"name\": \"Z.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"2\"}, \"Y\": {\"name\": \"Y.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"2\"}, \"x\": {\"name\": \"x.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"1\"}, \"unit\": {\"name\": \"unit.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"1\"}";
        tmp.File($"{root}/file_parameters.json", "{\n    \"files\": {" + files + "},\n    \"systemtype\": \"IOSystem\"\n}");
        tmp.File($"{root}/metadata.json", "{\"description\": \"hand-made test system\", \"mrio_name\": \"test\", \"system\": \"pxp\", \"version\": \"1\", \"history\": []}");
        tmp.File($"{root}/{(withA ? "A" : "Z")}.txt", (withA ? a : z).ToString());
        tmp.File($"{root}/Y.txt", y.ToString());
        tmp.File($"{root}/x.txt", x.ToString());
        tmp.File($"{root}/unit.txt", unit.ToString());

        // Extension with a two-level index (stressor, compartment) given as totals F.
        tmp.File($"{root}/emissions/file_parameters.json", "{\"files\": {\"F\": {\"name\": \"F.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"2\"}, \"unit\": {\"name\": \"unit.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"1\"}}, \"systemtype\": \"Extension\", \"name\": \"emissions\"}");
        tmp.File($"{root}/emissions/F.txt", HeaderRows("region", "sector", 2) + "stressor\tcompartment\t\t\t\t\nemission_type1\tair\t10\t20\t30\t40\nemission_type2\twater\t1\t2\t3\t4\n");
        tmp.File($"{root}/emissions/unit.txt", "stressor\tcompartment\tunit\nemission_type1\tair\tkg\nemission_type2\twater\tkg\n");

        // Extension with a one-level index given as coefficients S.
        tmp.File($"{root}/factor_inputs/file_parameters.json", "{\"files\": {\"S\": {\"name\": \"S.txt\", \"nr_index_col\": \"1\", \"nr_header\": \"2\"}, \"unit\": {\"name\": \"unit.txt\", \"nr_index_col\": \"1\", \"nr_header\": \"1\"}}, \"systemtype\": \"Extension\", \"name\": \"factor_inputs\"}");
        tmp.File($"{root}/factor_inputs/S.txt", HeaderRows("region", "sector", 1) + "inputtype\t\t\t\t\nValue Added\t0.5\t0.25\t0.4\t0.2\n");
        tmp.File($"{root}/factor_inputs/unit.txt", "inputtype\tunit\nValue Added\tM.EUR\n");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HandMadePymrioFolderLoads(bool withA)
    {
        using var tmp = new TempFolder();
        WriteHandMadePymrio(tmp, "mrio", withA);
        var t = PymrioFolder.Load(tmp.Combine("mrio"));
        Assert.Equal(4, t.SectorCount);
        Assert.Equal("r1 + r2", t.Region);
        Assert.Equal("M.EUR", t.MonetaryUnit);
        Assert.Equal(new[] { "r1/food", "r1/mining", "r2/food", "r2/mining" }, t.Sectors.Select(s => s.Key));
        Assert.Equal(new[] { "r1/HH", "r1/GOV", "r2/HH", "r2/GOV" }, t.FinalDemandCategories.Select(c => c.Name));
        Assert.Equal(0.1, t.Coefficient(0, 0), 12);            // 10 / 100
        Assert.Equal(25.0 / 250, t.Coefficient(1, 3), 12);
        var x = t.SolveOutput();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(X[i], x[i], withA ? 1e-8 : 1e-11);    // A.txt carries 12 significant digits
        }

        var e1 = t.GetStressor("emission_type1");              // alias: first index level
        Assert.Same(e1, t.GetStressor("emission_type1/air"));
        Assert.Equal("kg", e1.Unit);
        Assert.Equal("emissions", e1.Group);
        Assert.Equal(100, e1.Total(t.ReportedOutput).Value, 10); // sum of F
        Assert.Equal(20.0 / 200, e1.Intensity[1], 14);
        var va = t.GetStressor("Value Added");
        Assert.Equal(0.25, va.Intensity[1]);
        Assert.Equal("M.EUR", va.Unit);
    }

    [Fact]
    public void PymrioRoundTripIsExact()
    {
        using var tmp = new TempFolder();
        WriteHandMadePymrio(tmp, "mrio", withA: false);
        var original = PymrioFolder.Load(tmp.Combine("mrio"));
        PymrioFolder.Save(original, tmp.Combine("saved"));
        Assert.True(File.Exists(tmp.Combine("saved", "file_parameters.json")));
        Assert.True(File.Exists(tmp.Combine("saved", "emissions", "S.txt")));
        var loaded = PymrioFolder.Load(tmp.Combine("saved"));
        AssertSameTable(original, loaded, compareNames: true);
    }

    [Fact]
    public void RealTableRoundTripsThroughBothLayouts()
    {
        var deu = WiodDerivedCountry.Load(DataRoot.Combine("wiod2016", "derived"), "DEU").Table(2014);
        using var tmp = new TempFolder();
        PymrioFolder.Save(deu, tmp.Combine("pymrio"));
        EeioCsvFolder.Save(deu, tmp.Combine("csv"));
        var viaPymrio = PymrioFolder.Load(tmp.Combine("pymrio"));
        var viaCsv = EeioCsvFolder.Load(tmp.Combine("csv"));
        AssertSameTable(deu, viaPymrio, compareNames: false);
        AssertSameTable(deu, viaCsv, compareNames: false);
        Assert.Equal("million USD", viaCsv.MonetaryUnit);
        Assert.Equal(2014, viaCsv.Year);
        Assert.Equal(deu.StressorTotal("CO2").Value, viaPymrio.StressorTotal("CO2").Value);
    }

    [Fact]
    public void CsvLayoutWithFlowsAndTotals()
    {
        using var tmp = new TempFolder();
        tmp.File("t/metadata.csv", "key,value\nname,Miller-Blair 2x2\nregion,XX\nyear,2000\nmonetary_unit,\"million EUR\"\nprice_basis,basic prices\n");
        tmp.File("t/sectors.csv", "code,name\nS1,\"Agriculture, forestry\"\nS2,Manufacturing\n");
        tmp.File("t/Z.csv", "code,S1,S2\nS1,150,500\nS2,200,100\n");
        tmp.File("t/x.csv", "code,x\nS1,1000\nS2,2000\n");
        tmp.File("t/y.csv", "code,households,exports\nS1,300,50\nS2,1500,200\n");
        tmp.File("t/stressors.csv", "name,unit,kind,description,S1,S2\nCO2,kt CO2,total,emissions,50,200\nEMP,1000 persons,intensity,,0.01,0.002\n");
        var t = EeioCsvFolder.Load(tmp.Combine("t"));
        // Miller & Blair, ch. 2: A = [[0.15, 0.25], [0.20, 0.05]], L = (I - A)^-1 = [[1.254, 0.330], [0.264, 1.122]].
        Assert.Equal(0.15, t.Coefficient(0, 0), 15);
        Assert.Equal(0.25, t.Coefficient(0, 1), 15);
        Assert.Equal(0.20, t.Coefficient(1, 0), 15);
        Assert.Equal(0.05, t.Coefficient(1, 1), 15);
        Assert.Equal("Agriculture, forestry", t.Sectors[0].Name);
        var l0 = t.SolveOutput(new double[] { 1, 0 });
        var l1 = t.SolveOutput(new double[] { 0, 1 });
        Assert.Equal(1.254, l0[0], 3);
        Assert.Equal(0.264, l0[1], 3);
        Assert.Equal(0.330, l1[0], 3);
        Assert.Equal(1.122, l1[1], 3);
        var x = t.SolveOutput();
        Assert.Equal(1000, x[0], 9);
        Assert.Equal(2000, x[1], 9);
        Assert.Equal(250, t.StressorTotal("CO2").Value, 9);
        Assert.Equal(14, t.StressorTotal("EMP").Value, 9);
        Assert.Equal("kt CO2 per million EUR", t.GetStressor("CO2").IntensityUnit);
        // Prices: with value added per unit v_j = 1 - sum_i A_ij, every price is 1.
        var v = new[] { 1 - 0.15 - 0.20, 1 - 0.25 - 0.05 };
        var p = t.SolvePrices(v);
        Assert.Equal(1, p[0], 12);
        Assert.Equal(1, p[1], 12);
    }

    internal static void AssertSameTable(InputOutputTable expected, InputOutputTable actual, bool compareNames)
    {
        Assert.Equal(expected.SectorCount, actual.SectorCount);
        Assert.Equal(expected.Sectors.Select(s => s.Code), actual.Sectors.Select(s => s.Code));
        Assert.Equal(expected.TechnicalCoefficients.ToArray(), actual.TechnicalCoefficients.ToArray());
        Assert.Equal(expected.FinalDemand.ToArray(), actual.FinalDemand.ToArray());
        Assert.Equal(expected.Output.ToArray(), actual.Output.ToArray());
        Assert.Equal(expected.MonetaryUnit, actual.MonetaryUnit);
        Assert.Equal(expected.FinalDemandCategories.Select(c => c.Name), actual.FinalDemandCategories.Select(c => c.Name));
        Assert.Equal(expected.Stressors.Count, actual.Stressors.Count);
        foreach (var s in expected.Stressors)
        {
            var r = actual.GetStressor(s.Name);
            Assert.Equal(s.Unit, r.Unit);
            Assert.Equal(s.Intensity.ToArray(), r.Intensity.ToArray());
        }

        if (compareNames)
        {
            Assert.Equal(expected.Name, actual.Name);
        }
    }
}
