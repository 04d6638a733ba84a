using System.Globalization;

namespace LieInter.Economics;

/// <summary>
/// The ready-made WIOD CSVs of the data set (<c>wiod2016/derived/</c>) for one country: <c>&lt;C&gt;_sectors.csv</c>,
/// <c>&lt;C&gt;_vectors_2000-2014.csv</c> and one <c>&lt;C&gt;_&lt;year&gt;_A.csv</c> per year (million USD, current
/// prices). Sectors and vectors are read once; <see cref="Table"/> reads the year's A file.
/// </summary>
public sealed class WiodDerivedCountry
{
    /// <summary>Name of the CO2 stressor in WIOD tables (JRC accounts, kt CO2).</summary>
    public const string Co2 = "CO2";

    /// <summary>Name of the employment stressor in WIOD tables (SEA EMP, persons engaged, thousands).</summary>
    public const string Employment = "EMP";

    internal const string MonetaryUnit = "million USD";
    internal const string PriceBasis = "current prices, basic prices";
    internal const string Co2Unit = "kt CO2";
    internal const string EmploymentUnit = "1000 persons";

    private static readonly string[] CategoryColumns = { "CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP" };
    private readonly Dictionary<int, YearVectors> _years;

    private WiodDerivedCountry(string folder, string country, IReadOnlyList<Sector> sectors, Dictionary<int, YearVectors> years, string vectorsFile)
    {
        Folder = folder;
        Country = country;
        Sectors = sectors;
        _years = years;
        VectorsFile = vectorsFile;
    }

    public string Folder { get; }

    public string Country { get; }

    public IReadOnlyList<Sector> Sectors { get; }

    public string VectorsFile { get; }

    public IReadOnlyList<int> Years => _years.Keys.Order().ToList();

    public static WiodDerivedCountry Load(string derivedFolder, string country)
    {
        if (!Directory.Exists(derivedFolder))
        {
            throw new InputOutputDataException("folder not found.", derivedFolder);
        }

        string sectorsPath = System.IO.Path.Combine(derivedFolder, $"{country}_sectors.csv");
        var sectors = ReadSectors(sectorsPath, country);
        var candidates = Directory.GetFiles(derivedFolder, $"{country}_vectors_*.csv");
        if (candidates.Length != 1)
        {
            throw new InputOutputDataException($"expected one file '{country}_vectors_*.csv', found {candidates.Length}.", derivedFolder);
        }

        var years = ReadVectors(candidates[0], sectors);
        return new WiodDerivedCountry(derivedFolder, country, sectors, years, candidates[0]);
    }

    /// <summary>The table of one year: A from <c>&lt;C&gt;_&lt;year&gt;_A.csv</c>, y, x, CO2 and EMP from the vectors file.</summary>
    public InputOutputTable Table(int year)
    {
        if (!_years.TryGetValue(year, out var v))
        {
            throw new InputOutputDataException($"no rows for year {year}. Years present: {string.Join(", ", Years)}.", VectorsFile);
        }

        string aPath = System.IO.Path.Combine(Folder, $"{Country}_{year}_A.csv");
        var a = ReadSquareMatrix(aPath, Sectors.Select(s => s.Code).ToList());
        int n = Sectors.Count;
        var stressors = new[]
        {
            new Stressor(Co2, Co2Unit, MonetaryUnit, Intensities(v.Co2, v.Output, VectorsFile, v.Lines, "co2_kt"), "CO2 emissions by industry (JRC WIOD environmental accounts)", "JRC"),
            new Stressor(Employment, EmploymentUnit, MonetaryUnit, Intensities(v.Employment, v.Output, VectorsFile, v.Lines, "emp_1000persons"), "persons engaged (WIOD SEA, EMP)", "SEA"),
        };
        var categories = CategoryColumns.Select((c, k) => new FinalDemandCategory(c, v.Categories[k])).ToList();
        return new InputOutputTable(
            $"WIOD 2016 {Country} {year} (derived CSV)", Country, year, Sectors, a, v.FinalDemand, MonetaryUnit, PriceBasis, stressors, categories, v.Output, aPath,
            new[] { "domestic technical coefficients A = Z_dom / x; y includes exports; CO2 covers industries only (no households)" });
    }

    /// <summary>intensity_j = total_j / x_j; a sector with zero output must have a zero total (0/0 := 0), else an error.</summary>
    internal static double[] Intensities(double[] totals, double[] output, string file, int[] lines, string column)
    {
        var r = new double[totals.Length];
        for (int j = 0; j < r.Length; j++)
        {
            if (output[j] > 0)
            {
                r[j] = totals[j] / output[j];
            }
            else if (output[j] < 0)
            {
                throw new InputOutputDataException($"output is negative ({output[j]}); cannot divide '{column}' by it.", file, lines[j], column);
            }
            else if (totals[j] != 0)
            {
                throw new InputOutputDataException($"output is zero but '{column}' is {totals[j]}; the intensity would be infinite.", file, lines[j], column);
            }
        }

        return r;
    }

    internal static IReadOnlyList<Sector> ReadSectors(string path, string region)
    {
        var text = DelimitedText.Read(path, ',');
        var rows = text.Records;
        if (rows.Count == 0)
        {
            throw new InputOutputDataException("the file is empty.", path);
        }

        var header = rows[0].Fields;
        int codeCol = Array.IndexOf(header, "code");
        int nameCol = Array.IndexOf(header, "name");
        if (codeCol < 0 || nameCol < 0)
        {
            throw new InputOutputDataException($"expected columns 'code' and 'name'; header is {InputOutputDataException.ListNames(header)}.", path, rows[0].Line);
        }

        var sectors = new List<Sector>();
        foreach (var r in rows.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line);
            }

            sectors.Add(new Sector(r.Fields[codeCol], r.Fields[nameCol], region));
        }

        DuplicateLabels.Reject(rows.Skip(1).Select(r => (r.Fields[codeCol], r.Line)), path, "sector code", "code");
        return sectors;
    }

    /// <summary>
    /// Reads a square matrix CSV: header "label,code1,...,coden", then one row per code. Row and column codes must
    /// match <paramref name="codes"/> in order; each row must have n numbers.
    /// </summary>
    internal static double[] ReadSquareMatrix(string path, IReadOnlyList<string> codes)
    {
        var text = DelimitedText.Read(path, ',');
        var rows = text.Records;
        int n = codes.Count;
        if (rows.Count == 0)
        {
            throw new InputOutputDataException("the file is empty.", path);
        }

        var header = rows[0].Fields;
        if (header.Length - 1 != n)
        {
            throw new InputOutputDataException($"the header has {header.Length - 1} sector columns; A must be square with {n} sectors.", path, rows[0].Line);
        }

        for (int j = 0; j < n; j++)
        {
            if (header[j + 1] != codes[j])
            {
                throw new InputOutputDataException($"column {j + 2} is '{header[j + 1]}', expected sector '{codes[j]}'.", path, rows[0].Line, header[j + 1]);
            }
        }

        if (rows.Count - 1 != n)
        {
            throw new InputOutputDataException($"A has {rows.Count - 1} rows and {n} columns; it must be square.", path, rows[^1].Line);
        }

        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var r = rows[i + 1];
            if (r.Fields.Length != n + 1)
            {
                throw new InputOutputDataException($"has {r.Fields.Length - 1} values, expected {n} (A must be square).", path, r.Line, rowLabel: r.Fields[0]);
            }

            if (r.Fields[0] != codes[i])
            {
                throw new InputOutputDataException($"row label is '{r.Fields[0]}', expected sector '{codes[i]}'.", path, r.Line, rowLabel: r.Fields[0]);
            }

            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = DelimitedText.ParseNumber(r.Fields[j + 1], path, r.Line, codes[j], codes[i]);
            }
        }

        return a;
    }

    private static Dictionary<int, YearVectors> ReadVectors(string path, IReadOnlyList<Sector> sectors)
    {
        var text = DelimitedText.Read(path, ',');
        var rows = text.Records;
        if (rows.Count == 0)
        {
            throw new InputOutputDataException("the file is empty.", path);
        }

        var header = rows[0].Fields;
        int Col(string name)
        {
            int c = Array.IndexOf(header, name);
            return c >= 0 ? c : throw new InputOutputDataException($"no column '{name}'. Columns: {InputOutputDataException.ListNames(header)}.", path, rows[0].Line, name);
        }

        int yearCol = Col("year"), indexCol = Col("index"), codeCol = Col("code"), xCol = Col("x_MUSD"), yCol = Col("y_total_MUSD");
        int co2Col = Col("co2_kt"), empCol = Col("emp_1000persons");
        var catCols = CategoryColumns.Select(c => Col($"y_{c}_MUSD")).ToArray();
        int n = sectors.Count;
        var years = new Dictionary<int, YearVectors>();
        foreach (var r in rows.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line);
            }

            int year = (int)DelimitedText.ParseNumber(r.Fields[yearCol], path, r.Line, "year", null);
            int index = (int)DelimitedText.ParseNumber(r.Fields[indexCol], path, r.Line, "index", null);
            if (index < 0 || index >= n || r.Fields[codeCol] != sectors[index].Code)
            {
                throw new InputOutputDataException($"index {index} / code '{r.Fields[codeCol]}' does not match the sector list ({n} sectors).", path, r.Line, "code");
            }

            if (!years.TryGetValue(year, out var v))
            {
                years[year] = v = new YearVectors(n, CategoryColumns.Length);
            }

            if (v.Lines[index] != 0)
            {
                throw new InputOutputDataException($"sector '{sectors[index].Code}' appears twice for year {year} (also line {v.Lines[index]}).", path, r.Line);
            }

            string code = sectors[index].Code;
            v.Lines[index] = r.Line;
            v.Output[index] = DelimitedText.ParseNumber(r.Fields[xCol], path, r.Line, "x_MUSD", code);
            v.FinalDemand[index] = DelimitedText.ParseNumber(r.Fields[yCol], path, r.Line, "y_total_MUSD", code);
            v.Co2[index] = DelimitedText.ParseNumber(r.Fields[co2Col], path, r.Line, "co2_kt", code);
            v.Employment[index] = DelimitedText.ParseNumber(r.Fields[empCol], path, r.Line, "emp_1000persons", code);
            for (int k = 0; k < catCols.Length; k++)
            {
                v.Categories[k][index] = DelimitedText.ParseNumber(r.Fields[catCols[k]], path, r.Line, header[catCols[k]], code);
            }
        }

        foreach (var (year, v) in years)
        {
            int missing = Array.IndexOf(v.Lines, 0);
            if (missing >= 0)
            {
                throw new InputOutputDataException($"year {year} has no row for sector '{sectors[missing].Code}'.", path);
            }
        }

        return years;
    }

    private sealed class YearVectors
    {
        public YearVectors(int n, int categories)
        {
            Lines = new int[n];
            Output = new double[n];
            FinalDemand = new double[n];
            Co2 = new double[n];
            Employment = new double[n];
            Categories = Enumerable.Range(0, categories).Select(_ => new double[n]).ToArray();
        }

        public int[] Lines { get; }

        public double[] Output { get; }

        public double[] FinalDemand { get; }

        public double[] Co2 { get; }

        public double[] Employment { get; }

        public double[][] Categories { get; }
    }
}
