using LieInter.Economics;

namespace LieInter.Tests.Economics;

/// <summary>
/// Broken inputs for every loader, written into a temporary folder. Each test checks that the error is an
/// <see cref="InputOutputDataException"/> whose message names the file and, where there is one, the row.
/// </summary>
public class BadInputTests
{
    internal static InputOutputDataException Fails(Action load, string file, int? row, params string[] phrases)
    {
        var ex = Assert.Throws<InputOutputDataException>(load);
        Assert.Equal(Path.GetFullPath(file), Path.GetFullPath(ex.File!));
        Assert.Contains(file, ex.Message);
        if (row is int r)
        {
            Assert.Equal(r, ex.Row);
            Assert.Contains($"row {r}", ex.Message);
        }

        foreach (var p in phrases)
        {
            Assert.Contains(p, ex.Message);
        }

        return ex;
    }

    // ---------------------------------------------------------------- WIOD derived CSVs

    internal static string WriteDerived(TempFolder tmp, string? a = null, string? vectors = null)
    {
        string dir = tmp.Combine("derived");
        tmp.File("derived/XXX_sectors.csv", "index,code,name\n0,S1,\"One, first\"\n1,S2,Two\n");
        string header = "year,index,code,x_MUSD,y_CONS_h_MUSD,y_CONS_np_MUSD,y_CONS_g_MUSD,y_GFCF_MUSD,y_INVEN_MUSD,y_EXP_MUSD,y_total_MUSD,co2_kt,emp_1000persons\n";
        tmp.File("derived/XXX_vectors_2000-2000.csv", vectors ?? header + "2000,0,S1,100,70,0,0,0,0,0,70,5,1\n2000,1,S2,200,150,0,0,0,0,10,160,8,2\n");
        tmp.File("derived/XXX_2000_A.csv", a ?? "row_code\\col_code,S1,S2\nS1,0.1,0.1\nS2,0.2,0.1\n");
        return dir;
    }

    [Fact]
    public void WiodDerivedBadInputs()
    {
        using var tmp = new TempFolder();
        var ok = WiodDerivedCountry.Load(WriteDerived(tmp), "XXX").Table(2000);
        Assert.Equal(new[] { 100.0, 200.0 }, ok.SolveOutput(), new ToleranceComparer(1e-12));
        string aPath = tmp.Combine("derived", "XXX_2000_A.csv");
        string vPath = tmp.Combine("derived", "XXX_vectors_2000-2000.csv");

        WriteDerived(tmp, a: "row_code\\col_code,S1,S2\nS1,0.1,0.1\nS2,0.2\n");
        Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX").Table(2000), aPath, 3, "has 1 values, expected 2", "square");

        WriteDerived(tmp, a: "row_code\\col_code,S1,S2\nS1,0.1,0.1\n");
        Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX").Table(2000), aPath, 2, "1 rows and 2 columns; it must be square");

        WriteDerived(tmp, a: "row_code\\col_code,S1,S2\nS1,0.1,nan\nS2,0.2,0.1\n");
        var nan = Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX").Table(2000), aPath, 2, "not finite");
        Assert.Equal("S2", nan.Column);

        WriteDerived(tmp, a: "row_code\\col_code,S1,S9\nS1,0.1,0.1\nS2,0.2,0.1\n");
        Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX").Table(2000), aPath, 1, "'S9', expected sector 'S2'");

        WriteDerived(tmp, a: "row_code\\col_code,S1,S2\nS1,0.6,0.6\nS2,0.6,0.6\n");
        Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX").Table(2000), aPath, null, "spectral radius of A");

        string header = "year,index,code,x_MUSD,y_CONS_h_MUSD,y_CONS_np_MUSD,y_CONS_g_MUSD,y_GFCF_MUSD,y_INVEN_MUSD,y_EXP_MUSD,y_total_MUSD,co2_kt,emp_1000persons\n";
        WriteDerived(tmp, vectors: header + "2000,0,S1,100,70,0,0,0,0,0,70,5,1\n2000,1,S2,0,0,0,0,0,0,0,0,8,0\n");
        Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX").Table(2000), vPath, 3, "output is zero but 'co2_kt' is 8");

        WriteDerived(tmp, vectors: header + "2000,0,S1,100,70,0,0,0,0,0,70,5,1\n2000,1,S2,-5,0,0,0,0,0,0,0,8,0\n");
        Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX").Table(2000), vPath, 3, "negative");

        WriteDerived(tmp, vectors: header + "2000,0,S1,100,70,0,0,0,0,0,70,5,1\n");
        Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX"), vPath, null, "no row for sector 'S2'");

        WriteDerived(tmp);
        Fails(() => WiodDerivedCountry.Load(tmp.Combine("derived"), "XXX").Table(1999), vPath, null, "no rows for year 1999", "2000");
    }

    // ---------------------------------------------------------------- WIOD NIOT workbook

    internal static object?[][] MiniNiot(double[] x, double[,] z, string[]? codes = null, Action<List<object?[]>>? edit = null)
    {
        codes ??= new[] { "I1", "I2" };
        string[] fd = { "CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP" };
        int n = x.Length;
        var rows = new List<object?[]>
        {
            new object?[] { "Year", "Code", "Description", "Origin" }.Concat(codes).Concat(fd).Append("GO").ToArray(),
            new object?[] { null, null, null, null }.Concat(codes.Select(c => "name of " + c)).Concat(fd.Select(f => "long " + f)).Append("Output").ToArray(),
        };
        for (int i = 0; i < n; i++)
        {
            double rowSum = Enumerable.Range(0, n).Sum(j => z[i, j]);
            var row = new object?[] { 2000.0, codes[i], "name of " + codes[i], "Domestic" }.ToList();
            row.AddRange(Enumerable.Range(0, n).Select(j => (object?)z[i, j]));
            row.AddRange(new object?[] { x[i] - rowSum, 0.0, 0.0, 0.0, 0.0, 0.0, x[i] });
            rows.Add(row.ToArray());
        }

        for (int i = 0; i < n; i++)
        {
            rows.Add(new object?[] { 2000.0, codes[i], "name of " + codes[i], "Imports" }.Concat(Enumerable.Repeat((object?)1.0, n)).Concat(Enumerable.Repeat((object?)0.0, 6)).Append((double)n).ToArray());
        }

        rows.Add(new object?[] { 2000.0, "GO", "Output at basic prices", "TOT" }.Concat(x.Select(v => (object?)v)).ToArray());
        edit?.Invoke(rows);
        return rows.ToArray();
    }

    [Fact]
    public void NiotWorkbookLoadsFromSharedOrInlineStrings()
    {
        using var tmp = new TempFolder();
        var x = new[] { 100.0, 200.0 };
        var z = new double[,] { { 10, 40 }, { 20, 30 } };
        string shared = tmp.Combine("XXX_NIOT_shared.xlsx");
        string inline = tmp.Combine("XXX_NIOT_inline.xlsx");
        XlsxTestWriter.Write(shared, new[] { ("Notes", new[] { new object?[] { "notes" } }), (WiodNiotWorkbook.SheetName, MiniNiot(x, z)) });
        XlsxTestWriter.Write(inline, new[] { (WiodNiotWorkbook.SheetName, MiniNiot(x, z)) }, sharedStrings: false, omitCellReferences: true);
        var a = WiodNiotWorkbook.Open(shared).Table(2000);
        var b = WiodNiotWorkbook.Open(inline).Table(2000);
        Assert.Equal("XXX", a.Region);
        Assert.Equal(new[] { 0.1, 0.2, 0.2, 0.15 }, a.TechnicalCoefficients.ToArray());
        Assert.Equal(a.TechnicalCoefficients.ToArray(), b.TechnicalCoefficients.ToArray());
        Assert.Equal(new[] { 50.0, 150.0 }, a.FinalDemand.ToArray());
        Assert.Equal("name of I2", b.Sectors[1].Name);
        Assert.Equal(x, a.SolveOutput(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void NiotWorkbookBadInputs()
    {
        using var tmp = new TempFolder();
        var x = new[] { 100.0, 200.0 };
        var z = new double[,] { { 10, 40 }, { 20, 30 } };
        string path = tmp.Combine("XXX_NIOT_nov16.xlsx");
        void Write(object?[][] rows, string sheet = WiodNiotWorkbook.SheetName)
        {
            File.Delete(path);
            XlsxTestWriter.Write(path, new[] { ("Notes", new[] { new object?[] { "notes" } }), (sheet, rows) });
        }

        Write(MiniNiot(x, z), "Sheet1");
        Fails(() => WiodNiotWorkbook.Open(path), path, null, "no sheet named 'National IO-tables'", "'Notes', 'Sheet1'");

        Write(MiniNiot(x, z, edit: rows => rows[0][^1] = "TOTAL"));
        Fails(() => WiodNiotWorkbook.Open(path), path, 1, "no column 'GO'", "'TOTAL'");

        Write(MiniNiot(x, z, edit: rows => rows[3][5] = double.NaN));
        var nan = Fails(() => WiodNiotWorkbook.Open(path), path, 4, "cell F4", "found 'NaN'");
        Assert.Equal("F", nan.Column);

        Write(MiniNiot(x, z, edit: rows => rows.RemoveAt(3)));
        Fails(() => WiodNiotWorkbook.Open(path), path, null, "1 Domestic rows; A must be square with 2");

        Write(MiniNiot(x, z, edit: rows => rows[2][1] = "I2"));
        Fails(() => WiodNiotWorkbook.Open(path), path, 3, "has code 'I2', expected 'I1'");

        // Zero output for I2 while I1 delivers to it: A = Z / x would divide by zero.
        Write(MiniNiot(new[] { 100.0, 0.0 }, new double[,] { { 10, 40 }, { 0, 0 } }));
        Fails(() => WiodNiotWorkbook.Open(path).Table(2000), path, 3, "output of 'I2' is zero but it uses 40 of 'I1'");

        Write(MiniNiot(x, z, edit: rows => rows[^1][5] = 250.0));
        Fails(() => WiodNiotWorkbook.Open(path).Table(2000), path, 4, "GO column gives output 200", "GO row gives 250");

        Write(MiniNiot(new[] { 1.0, 1.0 }, new double[,] { { 0.6, 0.6 }, { 0.6, 0.6 } }));
        Fails(() => WiodNiotWorkbook.Open(path).Table(2000), path, null, "spectral radius of A");

        Write(MiniNiot(x, z));
        Fails(() => WiodNiotWorkbook.Open(path).Table(2014), path, null, "no year 2014", "2000");

        string notZip = tmp.File("YYY_NIOT_nov16.xlsx", "Year,Code\n2000,A01\n");
        Fails(() => WiodNiotWorkbook.Open(notZip), notZip, null, "not an .xlsx workbook");
    }

    // ---------------------------------------------------------------- SEA and JRC CO2

    [Fact]
    public void SocioEconomicAccountsBadInputs()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("sea.csv", "\"country\",\"code\",\"year\",\"EMP\",\"GO\"\n\"XXX\",\"I1\",\"2000\",1.5,10\n\"XXX\",\"I2\",\"2000\",NA,20\n");
        var sea = WiodSocioEconomicAccounts.Load(path);
        Assert.Equal(new[] { 10.0, 20.0 }, sea.Values("XXX", 2000, "GO", new[] { "I1", "I2" }));
        Fails(() => sea.Values("XXX", 2000, "EMP", new[] { "I1", "I2" }), path, null, "EMP of industry 'I2' is missing (NA)");
        Fails(() => sea.Values("XXX", 2000, "H_EMPE", new[] { "I1" }), path, null, "no variable 'H_EMPE'", "'EMP', 'GO'");
        Fails(() => sea.Values("DEU", 2000, "GO", new[] { "I1" }), path, null, "no rows for country 'DEU'", "'XXX'");
        Fails(() => sea.Values("XXX", 2000, "GO", new[] { "I3" }), path, null, "no row for industry 'I3'");
        string broken = tmp.File("sea2.csv", "\"country\",\"code\",\"year\",\"EMP\"\n\"XXX\",\"I1\",\"2000\"\n");
        Fails(() => WiodSocioEconomicAccounts.Load(broken), broken, 2, "has 3 fields, the header has 4");
        string nanFile = tmp.File("sea3.csv", "country,code,year,EMP\nXXX,I1,2000,NaN\n");
        Fails(() => WiodSocioEconomicAccounts.Load(nanFile), nanFile, 2, "not finite");
    }

    [Fact]
    public void JrcCo2AccountsBadInputs()
    {
        // The shipped workbook has no NLD sheet (see the data README): the error lists what is there.
        var real = WiodJrcCo2Accounts.Load(DataRoot.Combine("wiod2016", "co2_jrc", "WIOD_JRC_CO2_emission_accounts_kt.xlsx"));
        Fails(() => real.Emissions("NLD", 2014, new[] { "A01" }), real.Path, null, "no sheet named 'NLD'", "'DEU'", "'RoW'");
        Fails(() => real.Emissions("DEU", 2016, new[] { "A01" }), real.Path, null, "no year 2016", "2014");
        Fails(() => real.Emissions("DEU", 2014, new[] { "A99" }), real.Path, 2, "no industry column 'A99'");

        using var tmp = new TempFolder();
        string path = tmp.Combine("co2.xlsx");
        XlsxTestWriter.Write(path, new[] { ("XXX", new[] { new object?[] { null, "XXX", "XXX" }, new object?[] { null, "I1", "I2" }, new object?[] { "2000", 5.0, "n/a" } }) });
        var co2 = WiodJrcCo2Accounts.Load(path);
        Fails(() => co2.Emissions("XXX", 2000, new[] { "I1", "I2" }), path, 3, "cell C3", "found 'n/a'");
    }

    // ---------------------------------------------------------------- USEEIO JSON

    internal static string WriteUseeio(TempFolder tmp, string? a = null, string? d = null, string? demand = null, string? sectors = null)
    {
        tmp.File("m/sectors.json", sectors ?? "[{\"id\":\"s1/US\",\"index\":0,\"name\":\"One\",\"code\":\"s1\",\"location\":\"US\"},{\"id\":\"s2/US\",\"index\":1,\"name\":\"Two\",\"code\":\"s2\",\"location\":\"US\"}]");
        tmp.File("m/indicators.json", "[{\"id\":\"GHG\",\"index\":0,\"name\":\"Greenhouse Gases\",\"code\":\"GHG\",\"unit\":\"kg CO2 eq\",\"group\":\"Impact Potential\"},{\"id\":\"JOBS\",\"index\":1,\"name\":\"Jobs Supported\",\"code\":\"JOBS\",\"unit\":\"jobs\",\"group\":\"Employment\"}]");
        tmp.File("m/demands.json", "[{\"id\":\"2012_US_Production_Complete\",\"year\":2012,\"type\":\"Production\",\"system\":\"Complete\",\"location\":\"US\"}]");
        tmp.File("m/demands/2012_US_Production_Complete.json", demand ?? "[{\"sector\":\"s1/US\",\"amount\":70},{\"sector\":\"s2/US\",\"amount\":150}]");
        tmp.File("m/matrix/A.json", a ?? "[[0.1,0.2],\n[0.3,0.1]]");
        tmp.File("m/matrix/D.json", d ?? "[[0.5,2.0],[0.001,0.002]]");
        return tmp.Combine("m");
    }

    [Fact]
    public void UseeioBadInputs()
    {
        using var tmp = new TempFolder();
        var t = UseeioModel.Load(WriteUseeio(tmp));
        Assert.False(t.HasReportedOutput);
        Assert.Equal("jobs", t.GetStressor("JOBS").Unit);
        Fails(() => t.GetStressor("WATR"), tmp.Combine("m"), null, "no stressor named 'WATR'", "'GHG', 'JOBS'");

        string aPath = tmp.Combine("m", "matrix", "A.json");
        WriteUseeio(tmp, a: "[[0.1,0.2],\n[0.3,0.1");
        Fails(() => UseeioModel.Load(tmp.Combine("m")), aPath, 2, "not valid JSON (truncated or corrupt) at line 2");

        WriteUseeio(tmp, a: "[[0.1,0.2],[0.3,0.1,0.0]]");
        Fails(() => UseeioModel.Load(tmp.Combine("m")), aPath, 2, "A row 2 has 3 entries, expected 2 (A must be square)");

        WriteUseeio(tmp, a: "[[0.1,0.2]]");
        Fails(() => UseeioModel.Load(tmp.Combine("m")), aPath, 1, "A has 1 rows, expected 2 x 2 (A must be square)");

        WriteUseeio(tmp, a: "[[0.1,\"NaN\"],[0.3,0.1]]");
        var nan = Fails(() => UseeioModel.Load(tmp.Combine("m")), aPath, 1, "A[1][2] is not a number (found string \"NaN\")");
        Assert.Equal("2", nan.Column);

        WriteUseeio(tmp, a: "[[0.6,0.6],[0.6,0.6]]");
        Fails(() => UseeioModel.Load(tmp.Combine("m")), tmp.Combine("m"), null, "spectral radius of A");

        WriteUseeio(tmp, d: "[[0.5,2.0]]");
        Fails(() => UseeioModel.Load(tmp.Combine("m")), tmp.Combine("m", "matrix", "D.json"), 1, "D has 1 rows, expected 2 x 2");

        string demandPath = tmp.Combine("m", "demands", "2012_US_Production_Complete.json");
        WriteUseeio(tmp, demand: "[{\"sector\":\"s1/US\",\"amount\":70},{\"sector\":\"s9/US\",\"amount\":150}]");
        Fails(() => UseeioModel.Load(tmp.Combine("m")), demandPath, 2, "sector 's9/US' is not in sectors.json");

        WriteUseeio(tmp);
        Fails(() => UseeioModel.Load(tmp.Combine("m"), new UseeioLoadOptions { DemandIds = new[] { "2012_US_Consumption_Complete" } }), tmp.Combine("m", "demands.json"), null,
            "no demand vector '2012_US_Consumption_Complete'", "'2012_US_Production_Complete'");
        Fails(() => UseeioModel.Load(tmp.Combine("m"), new UseeioLoadOptions { Domestic = true }), tmp.Combine("m", "matrix", "A_d.json"), null, "not found");

        WriteUseeio(tmp, sectors: "[{\"id\":\"s1/US\",\"index\":0,\"name\":\"One\",\"code\":\"s1\",\"location\":\"US\"},{\"id\":\"s2/US\",\"ind");
        var truncated = Fails(() => UseeioModel.Open(tmp.Combine("m")), tmp.Combine("m", "sectors.json"), 1, "not valid JSON (truncated or corrupt)");
        Assert.NotNull(truncated.InnerException);
    }

    // ---------------------------------------------------------------- pymrio folders

    [Fact]
    public void PymrioBadInputs()
    {
        using var tmp = new TempFolder();
        string root = tmp.Combine("mrio");
        PymrioAndCsvLayoutTests.WriteHandMadePymrio(tmp, "mrio", withA: false);
        string zPath = Path.Combine(root, "Z.txt");
        string[] zLines = File.ReadAllLines(zPath);

        // A value missing in a data row (line 5: r1 mining).
        File.WriteAllLines(zPath, zLines.Select((l, k) => k == 4 ? l[..l.LastIndexOf('\t')] : l));
        Fails(() => PymrioFolder.Load(root), zPath, 5, "has 5 fields, the header has 6");

        // The last sector column dropped everywhere: 4 rows, 3 columns.
        File.WriteAllLines(zPath, zLines.Select(l => l.Contains('\t') && l.Split('\t').Length == 6 ? l[..l.LastIndexOf('\t')] : l));
        Fails(() => PymrioFolder.Load(root), zPath, 7, "has 4 rows and 3 columns; it must be square");

        // NaN as pandas would write with na_rep="nan".
        File.WriteAllLines(zPath, zLines.Select((l, k) => k == 3 ? l.Replace("\t20\t", "\tnan\t") : l));
        var nan = Fails(() => PymrioFolder.Load(root), zPath, 4, "not finite");
        Assert.Equal("r1/mining", nan.Column);

        // Zero output for r2/mining while the sector uses inputs: A = Z / x divides by zero.
        File.WriteAllLines(zPath, zLines);
        string xPath = Path.Combine(root, "x.txt");
        string[] xLines = File.ReadAllLines(xPath);
        File.WriteAllLines(xPath, xLines.Select(l => l.StartsWith("r2\tmining", StringComparison.Ordinal) ? "r2\tmining\t0" : l));
        Fails(() => PymrioFolder.Load(root), zPath, 5, "output x of 'r2/mining' is zero but Z = 25");
        File.WriteAllLines(xPath, xLines);

        // Y with a row missing.
        string yPath = Path.Combine(root, "Y.txt");
        string[] yLines = File.ReadAllLines(yPath);
        File.WriteAllLines(yPath, yLines.Take(yLines.Length - 1));
        Fails(() => PymrioFolder.Load(root), yPath, 6, "has 3 rows but Z.txt has 4 sectors");
        File.WriteAllLines(yPath, yLines);

        // A stressor without a unit.
        string unitPath = Path.Combine(root, "emissions", "unit.txt");
        File.WriteAllText(unitPath, "stressor\tcompartment\tunit\nemission_type1\tair\tkg\n");
        Fails(() => PymrioFolder.Load(root), unitPath, null, "stressor 'emission_type2/water' of extension 'emissions' has no unit");

        // Truncated file_parameters.json.
        string parameters = Path.Combine(root, "file_parameters.json");
        string fullParameters = File.ReadAllText(parameters);
        File.WriteAllText(parameters, fullParameters[..40]);
        Fails(() => PymrioFolder.Load(root), parameters, null, "not valid JSON (truncated or corrupt)");

        // No final demand listed.
        File.WriteAllText(parameters, "{\"files\": {\"Z\": {\"name\": \"Z.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"2\"}, \"x\": {\"name\": \"x.txt\", \"nr_index_col\": \"2\", \"nr_header\": \"1\"}}, \"systemtype\": \"IOSystem\"}");
        Fails(() => PymrioFolder.Load(root), parameters, null, "no final demand", "'Z', 'x'");

        // A productive-looking A that is not: rho >= 1.
        using var tmp2 = new TempFolder();
        PymrioAndCsvLayoutTests.WriteHandMadePymrio(tmp2, "mrio", withA: true);
        string aPath = tmp2.Combine("mrio", "A.txt");
        var aLines = File.ReadAllLines(aPath);
        File.WriteAllLines(aPath, aLines.Select((l, k) => k >= 3 ? string.Join('\t', l.Split('\t').Take(2).Concat(Enumerable.Repeat("0.5", 4))) : l));
        Fails(() => PymrioFolder.Load(tmp2.Combine("mrio")), tmp2.Combine("mrio"), null, "spectral radius of A is = 2");
    }

    // ---------------------------------------------------------------- the project's CSV layout

    internal static string WriteCsvLayout(TempFolder tmp, string? a = null, string? y = null, string? x = null, string? z = null, string? stressors = null, string? metadata = null)
    {
        Directory.CreateDirectory(tmp.Combine("t"));
        foreach (var f in new[] { "A.csv", "Z.csv", "x.csv", "stressors.csv" })
        {
            File.Delete(tmp.Combine("t", f));
        }

        tmp.File("t/metadata.csv", metadata ?? "key,value\nname,t\nmonetary_unit,million EUR\n");
        tmp.File("t/sectors.csv", "code,name\nS1,One\nS2,Two\n");
        if (z is not null)
        {
            tmp.File("t/Z.csv", z);
        }
        else
        {
            tmp.File("t/A.csv", a ?? "code,S1,S2\nS1,0.1,0.2\nS2,0.3,0.1\n");
        }

        tmp.File("t/y.csv", y ?? "code,households\nS1,50\nS2,100\n");
        if (x is not null)
        {
            tmp.File("t/x.csv", x);
        }

        if (stressors is not null)
        {
            tmp.File("t/stressors.csv", stressors);
        }

        return tmp.Combine("t");
    }

    [Fact]
    public void CsvLayoutBadInputs()
    {
        using var tmp = new TempFolder();
        Assert.Equal(2, EeioCsvFolder.Load(WriteCsvLayout(tmp)).SectorCount);
        string dir = tmp.Combine("t");

        WriteCsvLayout(tmp, a: "code,S1,S2\nS1,0.1,0.2\nS2,0.3\n");
        Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "A.csv"), 3, "has 1 values, expected 2 (A must be square)");

        WriteCsvLayout(tmp, y: "code,households\nS1,50\n");
        Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "y.csv"), 2, "has 1 rows; there are 2 sectors");

        WriteCsvLayout(tmp, y: "code,households\nS1,50\nS2,NaN\n");
        Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "y.csv"), 3, "not finite");

        WriteCsvLayout(tmp, z: "code,S1,S2\nS1,10,20\nS2,30,10\n", x: "code,x\nS1,100\nS2,0\n");
        Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "Z.csv"), 2, "output of 'S2' is zero (x.csv line 3) but Z[S1, S2] = 20");

        WriteCsvLayout(tmp, z: "code,S1,S2\nS1,10,20\nS2,30,10\n");
        Fails(() => EeioCsvFolder.Load(dir), dir, null, "Z.csv needs x.csv");

        WriteCsvLayout(tmp, x: "code,x\nS1,100\nS2,0\n", stressors: "name,unit,kind,S1,S2\nCO2,kt CO2,total,5,7\n");
        Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "stressors.csv"), 2, "output of 'S2' is 0 but the total is 7");

        WriteCsvLayout(tmp, stressors: "name,unit,kind,S1\nCO2,kt CO2,intensity,5\n");
        Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "stressors.csv"), 1, "has 1 sector columns; there are 2 sectors");

        WriteCsvLayout(tmp, metadata: "key,value\nname,t\n");
        Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "metadata.csv"), null, "no 'monetary_unit' key", "'name'");

        WriteCsvLayout(tmp, a: "code,S1,S2\nS1,0.9,0.5\nS2,0.5,0.9\n");
        Fails(() => EeioCsvFolder.Load(dir), dir, null, "spectral radius of A");

        WriteCsvLayout(tmp, y: "code,households,total\nS1,50,60\nS2,100,100\n");
        Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "y.csv"), 2, "categories add up to 50 but 'total' is 60");
    }

    // ---------------------------------------------------------------- Eurostat SIOT and textbook tables

    private const string MiniSiotHeader = "\"prod_na\",\"CPA_A01\",\"CPA_B\",\"P3_S14\",\"P3_S15\",\"P3_S13\",\"P5\",\"P6\",\"TFU\"\n";

    private static string WriteSiot(TempFolder tmp, string? body = null) => tmp.File("siot.csv", MiniSiotHeader + (body ??
        "\"CPA_A01\",10,20,60,0,0,10,5,75\n\"CPA_B\",5,30,100,0,10,20,40,170\n\"P1\",100,200,NA,NA,NA,NA,NA,NA\n\"P7\",5,5,NA,NA,NA,NA,NA,NA\n"));

    [Fact]
    public void EurostatBadInputs()
    {
        using var tmp = new TempFolder();
        string path = WriteSiot(tmp);
        var t = EurostatSiot.Load(path, "XX", 2020, "million EUR");
        Assert.Equal(new[] { 100.0, 200.0 }, t.SolveOutput(), new ToleranceComparer(1e-12));

        WriteSiot(tmp, "\"CPA_A01\",10,20,60,0,0,10,5,75\n\"CPA_B\",5,30,100,0,10,20,40,170\n\"P7\",5,5,NA,NA,NA,NA,NA,NA\n");
        Fails(() => EurostatSiot.Load(path, "XX", 2020, "million EUR"), path, null, "no row 'P1'", "'CPA_A01', 'CPA_B', 'P7'");

        WriteSiot(tmp, "\"CPA_A01\",10,20,60,0,0,10,5,75\n\"CPA_B\",5,30,100,0,10,20,40,170\n\"P1\",100,0,NA,NA,NA,NA,NA,NA\n\"P7\",5,5,NA,NA,NA,NA,NA,NA\n");
        Fails(() => EurostatSiot.Load(path, "XX", 2020, "million EUR"), path, 2, "output P1 of 'CPA_B' is zero but it uses 20 of 'CPA_A01'");

        WriteSiot(tmp, "\"CPA_A01\",10,-Infinity,60,0,0,10,5,75\n\"CPA_B\",5,30,100,0,10,20,40,170\n\"P1\",100,200,NA,NA,NA,NA,NA,NA\n\"P7\",5,5,NA,NA,NA,NA,NA,NA\n");
        Fails(() => EurostatSiot.Load(path, "XX", 2020, "million EUR"), path, 2, "not finite");

        WriteSiot(tmp, "\"CPA_A01\",10,20,60,0,0,10,5\n\"CPA_B\",5,30,100,0,10,20,40,170\n\"P1\",100,200,NA,NA,NA,NA,NA,NA\n\"P7\",5,5,NA,NA,NA,NA,NA,NA\n");
        Fails(() => EurostatSiot.Load(path, "XX", 2020, "million EUR"), path, 2, "has 8 fields, the header has 9");

        WriteSiot(tmp);
        string sat = tmp.File("emp.csv", "\"prod_na\",\"CPA_A01\",\"CPA_B\"\n\"employment_total\",1,2\n");
        Fails(() => EurostatSiot.Load(path, "XX", 2020, "million EUR", new[] { new EurostatSatellite(sat, new Dictionary<string, string> { ["EMP"] = "1000 persons" }, "test") }),
            sat, null, "no row named 'EMP'", "'employment_total'");
        string satZero = tmp.File("co2.csv", "\"prod_na\",\"A01\",\"B\"\n\"CO2\",1,2\n");
        WriteSiot(tmp, "\"CPA_A01\",10,0,60,0,0,10,5,75\n\"CPA_B\",0,0,0,0,0,0,0,0\n\"P1\",85,0,NA,NA,NA,NA,NA,NA\n\"P7\",0,0,NA,NA,NA,NA,NA,NA\n");
        Fails(() => EurostatSiot.Load(path, "XX", 2020, "million EUR", new[] { new EurostatSatellite(satZero, new Dictionary<string, string> { ["CO2"] = "kt CO2" }, "test") }),
            satZero, 2, "'CPA_B' has zero output but CO2 = 2");
    }

    [Fact]
    public void TextbookBadInputs()
    {
        using var tmp = new TempFolder();
        string header = "prod_na,prod_na_lab,numeric_label,quadrant,iotables_row,A,B,TOTAL,hh,total_output_bp\n";
        string good = "CPA_A,a,1,10,a_group,10,20,30,70,100\n"          // line 2
            + "CPA_B,b,2,10,b_group,30,40,70,130,200\n"                  // line 3
            + "TOTAL,t,3,10,total,40,60,100,200,300\n"                   // line 4
            + "P1,Output,4,20,output,100,200,300,200,\n"                 // line 5
            + "EMP-WS,wage earners,5,50,ws,1,2,3,,\nEMP-FTE,self-employed,6,50,se,1,1,2,,\nEMP,employment,7,50,emp,2,3,5,,\n"
            + "CO2,Carbon dioxide,8,50,CO2,5,7,12,3,15\n"                // line 9
            + "CH4,Methane,9,50,CH4,1,0,1,0,1\nN2O,Nitrous oxide,10,50,N2O,0,0,0,0,0\n";
        tmp.File("un/germany_2009.csv", header + good);
        var t = TextbookTables.LoadUnHandbookGermany2009(tmp.Combine("un"));
        Assert.Equal(12, t.StressorTotal("CO2").Value, 12);
        Assert.Equal(5, t.StressorTotal("EMP").Value, 12);

        string path = tmp.File("un/germany_2009.csv", header + good.Replace("P1,Output,4,20,output,100,200,300,200,\n", string.Empty));
        Fails(() => TextbookTables.LoadUnHandbookGermany2009(tmp.Combine("un")), path, null, "no output row 'P1'", "'CPA_A'");

        tmp.File("un/germany_2009.csv", header + good.Replace("CPA_B,b,2,10,b_group,30,40", "CPA_B,b,2,10,b_group,30,x40"));
        Fails(() => TextbookTables.LoadUnHandbookGermany2009(tmp.Combine("un")), path, 3, "'x40' is not a number");

        tmp.File("un/germany_2009.csv", header + good.Replace("CPA_B,b,2,10,b_group,30,40,70,130,200", "CPA_B,b,2,10,b_group,0,0,0,0,0").Replace("P1,Output,4,20,output,100,200", "P1,Output,4,20,output,100,0"));
        Fails(() => TextbookTables.LoadUnHandbookGermany2009(tmp.Combine("un")), path, 6, "output of 'CPA_B' is 0; cannot divide EMP-WS = 2 by it");

        tmp.File("un/germany_2009.csv", header + good.Replace("EMP,employment,7,50,emp,2,3,5,,\n", string.Empty));
        Fails(() => TextbookTables.LoadUnHandbookGermany2009(tmp.Combine("un")), path, null, "no row 'EMP'", "'EMP-WS'");
    }

    // ---------------------------------------------------------------- the xlsx reader itself

    [Fact]
    public void XlsxReaderHandlesGapsReferencesAndStringKinds()
    {
        Assert.Equal((12, 28), XlsxWorkbook.ParseCellReference("AB12"));
        Assert.Equal("AB", XlsxWorkbook.ColumnLetters(28));
        Assert.Equal(703, XlsxWorkbook.ColumnNumber("AAA"));
        using var tmp = new TempFolder();
        string path = tmp.Combine("book.xlsx");
        var rows = new[]
        {
            new object?[] { "alpha", null, "gamma & <delta>" },
            new object?[] { 1.5, true, null, null, -2e-5 },
            Array.Empty<object?>(),
            new object?[] { null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "AB4" },
        };
        XlsxTestWriter.Write(path, new[] { ("First", rows), ("Second", rows) });
        using var book = XlsxWorkbook.Open(path);
        Assert.Equal(new[] { "First", "Second" }, book.SheetNames);
        foreach (var name in book.SheetNames)
        {
            var s = book.ReadSheet(name);
            Assert.Equal("alpha", s.Text(1, 1));
            Assert.True(s[1, 2].IsEmpty);
            Assert.Equal("gamma & <delta>", s.Text(1, 3)); // rich text in two runs when shared
            Assert.Equal(1.5, s.Number(2, 1, "x"));
            Assert.Equal(1.0, s.Number(2, 2, "a boolean"));
            Assert.Equal(-2e-5, s.Number(2, 5, "x"));
            Assert.Equal("AB4", s.Text(4, 28));
            Assert.Equal(4, s.RowCount);
            Assert.Equal(28, s.ColumnCount);
        }
    }

    [Fact]
    public void XlsxReaderReportsCorruptParts()
    {
        using var tmp = new TempFolder();
        string path = tmp.Combine("bad.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            void Entry(string name, string content)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(content);
            }

            Entry("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"T\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>");
            Entry("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Target=\"worksheets/sheet2.xml\"/></Relationships>");
            Entry("xl/sharedStrings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>only</t></si></sst>");
            Entry("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"B2\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>");
            Entry("xl/worksheets/sheet2.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>");
        }

        using var book = XlsxWorkbook.Open(path);
        // ExcelDataReader reads a shared-string index outside the table as its digits; it does not report it.
        Assert.Equal("7", book.ReadSheet("S").Text(2, 2));
        // A sheet gets its name only once its XML has been read, so a broken one is named by position; every walk
        // past it (here, looking for a sheet that does not exist) fails the same way.
        Fails(() => book.ReadSheet("T"), path, null, "the sheet after 'S' (sheet 2 of 2) cannot be read", "not well-formed XML", "Line 1, position 122");
        Fails(() => book.ReadSheet("U"), path, null, "the sheet after 'S' (sheet 2 of 2) cannot be read");
        Assert.Equal("only", book.ReadSheet("S").Text(1, 1));

        string noWorkbook = tmp.Combine("noworkbook.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(noWorkbook, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("docProps/core.xml").Open());
            w.Write("<coreProperties/>");
        }

        Fails(() => XlsxWorkbook.Open(noWorkbook), noWorkbook, null, "not an .xlsx workbook");

        string good = tmp.Combine("good.xlsx");
        XlsxTestWriter.Write(good, new[] { ("S", new[] { new object?[] { 1.0 } }), ("T", new[] { new object?[] { 2.0 } }) });
        using var goodBook = XlsxWorkbook.Open(good);
        Fails(() => goodBook.ReadSheet("U"), good, null, "no sheet named 'U'", "'S', 'T'");
        Assert.Equal(2.0, goodBook.ReadSheet("T").Number(1, 1, "x"));
    }
}

/// <summary>Compares doubles to an absolute tolerance, for Assert.Equal on arrays.</summary>
public sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}
