using System.Globalization;

namespace LieInter.Economics;

/// <summary>
/// A WIOD (November 2016 release) national input-output workbook, <c>&lt;ISO3&gt;_NIOT_nov16.xlsx</c>, sheet
/// "National IO-tables": header codes in row 1 and long names in row 2, then per year 56 "Domestic" rows, 56 "Imports"
/// rows and total rows (II_fob ... GO); columns Year, Code, Description, Origin, the industry columns, the final-demand
/// columns CONS_h, CONS_np, CONS_g, GFCF, INVEN, EXP, and GO. The sheet is parsed once; <see cref="Table"/> builds the
/// domestic table of one year, optionally with employment (WIOD SEA) and CO2 (JRC) as stressors.
/// </summary>
public sealed class WiodNiotWorkbook
{
    public const string SheetName = "National IO-tables";
    private static readonly string[] DemandColumns = { "CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP" };
    private readonly Dictionary<int, YearBlock> _years;

    private WiodNiotWorkbook(string path, string country, IReadOnlyList<Sector> sectors, Dictionary<int, YearBlock> years)
    {
        Path = path;
        Country = country;
        Sectors = sectors;
        _years = years;
    }

    public string Path { get; }

    public string Country { get; }

    public IReadOnlyList<Sector> Sectors { get; }

    public IReadOnlyList<int> Years => _years.Keys.Order().ToList();

    /// <summary>Reads the workbook. The country defaults to the file name's prefix ("DEU" for DEU_NIOT_nov16.xlsx).</summary>
    public static WiodNiotWorkbook Open(string path, string? country = null)
    {
        country ??= InferCountry(path);
        using var book = XlsxWorkbook.Open(path);
        var sheet = book.ReadSheet(SheetName);
        int yearCol = sheet.FindColumn(1, "Year");
        int codeCol = sheet.FindColumn(1, "Code");
        int originCol = sheet.FindColumn(1, "Origin");
        int goCol = sheet.FindColumn(1, "GO");
        var demandCols = DemandColumns.Select(c => sheet.FindColumn(1, c)).ToArray();
        int firstDemand = demandCols.Min();

        // Industry columns: everything after Origin and before the first final-demand column.
        var industryCols = Enumerable.Range(originCol + 1, Math.Max(0, firstDemand - originCol - 1)).ToArray();
        if (industryCols.Length == 0)
        {
            throw new InputOutputDataException($"sheet '{SheetName}': no industry columns between 'Origin' and 'CONS_h'.", path, 1);
        }

        var sectors = industryCols.Select(c => new Sector(sheet.Text(1, c), sheet.Text(2, c), country)).ToList();
        var firstColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (int c in industryCols)
        {
            string code = sheet.Text(1, c);
            if (!firstColumn.TryAdd(code, c))
            {
                throw new InputOutputDataException($"sheet '{SheetName}': industry code '{code}' heads two columns ({XlsxWorkbook.ColumnLetters(firstColumn[code])} and {XlsxWorkbook.ColumnLetters(c)}); each must appear once.", path, 1, XlsxWorkbook.ColumnLetters(c), code);
            }
        }

        int n = sectors.Count;
        var years = new Dictionary<int, YearBlock>();
        for (int row = 3; row <= sheet.RowCount; row++)
        {
            string origin = sheet.Text(row, originCol);
            string code = sheet.Text(row, codeCol);
            if (origin.Length == 0 && code.Length == 0)
            {
                continue;
            }

            int year = (int)sheet.Number(row, yearCol, "the year");
            if (!years.TryGetValue(year, out var block))
            {
                years[year] = block = new YearBlock(n, DemandColumns.Length);
            }

            if (origin == "Domestic")
            {
                int i = block.DomesticRows;
                if (i >= n)
                {
                    throw new InputOutputDataException($"sheet '{SheetName}': year {year} has more than {n} Domestic rows.", path, row, "Origin");
                }

                if (code != sectors[i].Code)
                {
                    throw new InputOutputDataException($"sheet '{SheetName}': Domestic row {i + 1} of year {year} has code '{code}', expected '{sectors[i].Code}' (rows must follow the column order).", path, row, "Code");
                }

                for (int j = 0; j < n; j++)
                {
                    block.Z[i * n + j] = sheet.Number(row, industryCols[j], $"Z[{code}, {sectors[j].Code}]");
                }

                for (int k = 0; k < demandCols.Length; k++)
                {
                    block.Demand[k][i] = sheet.Number(row, demandCols[k], $"{DemandColumns[k]} of {code}");
                }

                block.OutputByRow[i] = sheet.Number(row, goCol, $"GO of {code}");
                block.RowNumbers[i] = row;
                block.DomesticRows++;
            }
            else if (code == "GO")
            {
                for (int j = 0; j < n; j++)
                {
                    block.OutputByColumn[j] = sheet.Number(row, industryCols[j], $"GO of {sectors[j].Code}");
                }

                block.GoRow = row;
            }
        }

        if (years.Count == 0)
        {
            throw new InputOutputDataException($"sheet '{SheetName}' has no Domestic rows.", path);
        }

        foreach (var (year, block) in years)
        {
            if (block.DomesticRows != n)
            {
                throw new InputOutputDataException($"sheet '{SheetName}': year {year} has {block.DomesticRows} Domestic rows; A must be square with {n} industries.", path);
            }

            if (block.GoRow == 0)
            {
                throw new InputOutputDataException($"sheet '{SheetName}': year {year} has no 'GO' row.", path);
            }
        }

        return new WiodNiotWorkbook(path, country, sectors, years);
    }

    /// <summary>
    /// The domestic table of one year: A = Z_dom / x with x the GO column (row totals, checked against the GO row),
    /// y = the six final-demand columns of the Domestic rows, exports included. An industry with zero output must
    /// have a zero input column (its A column is then 0). Stressors: EMP from <paramref name="sea"/>, CO2 from
    /// <paramref name="co2"/>, when given.
    /// </summary>
    public InputOutputTable Table(int year, WiodSocioEconomicAccounts? sea = null, WiodJrcCo2Accounts? co2 = null)
    {
        if (!_years.TryGetValue(year, out var b))
        {
            throw new InputOutputDataException($"sheet '{SheetName}' has no year {year}. Years present: {string.Join(", ", Years)}.", Path);
        }

        int n = Sectors.Count;
        var x = b.OutputByRow;
        double scale = x.Max(Math.Abs);
        for (int j = 0; j < n; j++)
        {
            if (Math.Abs(x[j] - b.OutputByColumn[j]) > 1e-9 * Math.Max(Math.Abs(x[j]), scale * 1e-6))
            {
                throw new InputOutputDataException($"sheet '{SheetName}', year {year}: GO column gives output {x[j]} for '{Sectors[j].Code}' but the GO row gives {b.OutputByColumn[j]}.", Path, b.RowNumbers[j], "GO", Sectors[j].Code);
            }
        }

        var a = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            if (x[j] < 0)
            {
                throw new InputOutputDataException($"sheet '{SheetName}', year {year}: output of '{Sectors[j].Code}' is negative ({x[j]}); cannot compute A = Z / x.", Path, b.RowNumbers[j], "GO", Sectors[j].Code);
            }

            for (int i = 0; i < n; i++)
            {
                double z = b.Z[i * n + j];
                if (x[j] > 0)
                {
                    a[i * n + j] = z / x[j];
                }
                else if (z != 0)
                {
                    throw new InputOutputDataException($"sheet '{SheetName}', year {year}: output of '{Sectors[j].Code}' is zero but it uses {z} of '{Sectors[i].Code}'; A = Z / x would divide by zero.", Path, b.RowNumbers[i], Sectors[j].Code, Sectors[i].Code);
                }
            }
        }

        var y = new double[n];
        var categories = new List<FinalDemandCategory>();
        for (int k = 0; k < DemandColumns.Length; k++)
        {
            for (int i = 0; i < n; i++)
            {
                y[i] += b.Demand[k][i];
            }
        }

        for (int k = 0; k < DemandColumns.Length; k++)
        {
            categories.Add(new FinalDemandCategory(DemandColumns[k], b.Demand[k]));
        }

        var stressors = new List<Stressor>();
        var codes = Sectors.Select(s => s.Code).ToList();
        if (co2 is not null)
        {
            var totals = co2.Emissions(Country, year, codes);
            stressors.Add(new Stressor(WiodDerivedCountry.Co2, WiodDerivedCountry.Co2Unit, WiodDerivedCountry.MonetaryUnit, IntensityFrom(totals, x, co2.Path, "CO2"), "CO2 emissions by industry (JRC WIOD environmental accounts)", "JRC"));
        }

        if (sea is not null)
        {
            var totals = sea.Values(Country, year, "EMP", codes);
            stressors.Add(new Stressor(WiodDerivedCountry.Employment, WiodDerivedCountry.EmploymentUnit, WiodDerivedCountry.MonetaryUnit, IntensityFrom(totals, x, sea.Path, "EMP"), "persons engaged (WIOD SEA, EMP)", "SEA"));
        }

        return new InputOutputTable(
            $"WIOD 2016 {Country} {year} (NIOT workbook)", Country, year, Sectors, a, y, WiodDerivedCountry.MonetaryUnit, WiodDerivedCountry.PriceBasis, stressors, categories, x, Path,
            new[] { "domestic technical coefficients A = Z_dom / x; y includes exports" });

        double[] IntensityFrom(double[] totals, double[] output, string file, string what)
        {
            var r = new double[n];
            for (int j = 0; j < n; j++)
            {
                if (output[j] > 0)
                {
                    r[j] = totals[j] / output[j];
                }
                else if (totals[j] != 0)
                {
                    throw new InputOutputDataException($"{Country} {year}: industry '{Sectors[j].Code}' has zero output but {what} = {totals[j]}; the intensity would be infinite.", file, column: Sectors[j].Code, rowLabel: what);
                }
            }

            return r;
        }
    }

    private static string InferCountry(string path)
    {
        string name = System.IO.Path.GetFileNameWithoutExtension(path);
        int k = name.IndexOf('_');
        return k == 3 ? name[..3] : throw new InputOutputDataException("cannot infer the country from the file name (expected '<ISO3>_NIOT_nov16.xlsx'); pass it explicitly.", path);
    }

    private sealed class YearBlock
    {
        public YearBlock(int n, int demandColumns)
        {
            Z = new double[n * n];
            Demand = Enumerable.Range(0, demandColumns).Select(_ => new double[n]).ToArray();
            OutputByRow = new double[n];
            OutputByColumn = new double[n];
            RowNumbers = new int[n];
        }

        public double[] Z { get; }

        public double[][] Demand { get; }

        public double[] OutputByRow { get; }

        public double[] OutputByColumn { get; }

        public int[] RowNumbers { get; }

        public int DomesticRows { get; set; }

        public int GoRow { get; set; }
    }
}

/// <summary>
/// WIOD Socio-Economic Accounts as CSV (one row per country, industry code and year; columns country, code, year and
/// the variables EMP, EMPE, H_EMPE, GO, VA, ...). EMP is persons engaged in thousands.
/// </summary>
public sealed class WiodSocioEconomicAccounts
{
    private readonly Dictionary<(string Country, int Year), Dictionary<string, double[]>> _rows;
    private readonly string[] _variables;

    private WiodSocioEconomicAccounts(string path, string[] variables, Dictionary<(string, int), Dictionary<string, double[]>> rows)
    {
        Path = path;
        _variables = variables;
        _rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string> Variables => _variables;

    public IReadOnlyList<string> Countries => _rows.Keys.Select(k => k.Country).Distinct().Order().ToList();

    public static WiodSocioEconomicAccounts Load(string path)
    {
        var text = DelimitedText.Read(path, ',');
        if (text.Records.Count == 0)
        {
            throw new InputOutputDataException("the file is empty.", path);
        }

        var header = text.Records[0].Fields;
        int Col(string name)
        {
            int c = Array.IndexOf(header, name);
            return c >= 0 ? c : throw new InputOutputDataException($"no column '{name}'. Columns: {InputOutputDataException.ListNames(header)}.", path, text.Records[0].Line, name);
        }

        int countryCol = Col("country"), codeCol = Col("code"), yearCol = Col("year");
        var variableCols = Enumerable.Range(0, header.Length).Where(c => c != countryCol && c != codeCol && c != yearCol).ToArray();
        var variables = variableCols.Select(c => header[c]).ToArray();
        var rows = new Dictionary<(string, int), Dictionary<string, double[]>>();
        foreach (var r in text.Records.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line);
            }

            int year = (int)DelimitedText.ParseNumber(r.Fields[yearCol], path, r.Line, "year", null);
            var key = (r.Fields[countryCol], year);
            if (!rows.TryGetValue(key, out var byCode))
            {
                rows[key] = byCode = new Dictionary<string, double[]>(StringComparer.Ordinal);
            }

            string code = r.Fields[codeCol];
            // Missing values (NA) are kept as NaN and only become an error if someone asks for them.
            byCode[code] = variableCols.Select(c => DelimitedText.ParseNumber(r.Fields[c], path, r.Line, header[c], code, missingAs: double.NaN)).ToArray();
        }

        return new WiodSocioEconomicAccounts(path, variables, rows);
    }

    /// <summary>One variable for the given industry codes, in that order.</summary>
    public double[] Values(string country, int year, string variable, IReadOnlyList<string> codes)
    {
        int v = Array.IndexOf(_variables, variable);
        if (v < 0)
        {
            throw new InputOutputDataException($"no variable '{variable}'. Variables: {InputOutputDataException.ListNames(_variables)}.", Path, column: variable);
        }

        if (!_rows.TryGetValue((country, year), out var byCode))
        {
            throw new InputOutputDataException($"no rows for country '{country}' and year {year}. Countries: {InputOutputDataException.ListNames(Countries)}; years: {string.Join(", ", _rows.Keys.Where(k => k.Country == country).Select(k => k.Year).Order())}.", Path);
        }

        var r = new double[codes.Count];
        for (int i = 0; i < r.Length; i++)
        {
            if (!byCode.TryGetValue(codes[i], out var values))
            {
                throw new InputOutputDataException($"{country} {year}: no row for industry '{codes[i]}'. Codes present: {InputOutputDataException.ListNames(byCode.Keys)}.", Path, rowLabel: codes[i]);
            }

            r[i] = double.IsNaN(values[v])
                ? throw new InputOutputDataException($"{country} {year}: {variable} of industry '{codes[i]}' is missing (NA).", Path, column: variable, rowLabel: codes[i])
                : values[v];
        }

        return r;
    }
}

/// <summary>
/// The JRC "WIOD Environmental Accounts" CO2 workbook (kt CO2 by industry): one sheet per country, industry codes in
/// row 2 from column B, years in column A from row 3. All sheets are read by <see cref="Load"/>; a sheet's years and
/// codes are indexed on first use.
/// </summary>
public sealed class WiodJrcCo2Accounts
{
    private readonly Dictionary<string, (Dictionary<int, int> RowOfYear, Dictionary<string, int> ColumnOfCode, XlsxSheet Sheet)> _sheets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XlsxSheet> _sheetOfName;
    private readonly string _path;
    private readonly IReadOnlyList<string> _sheetNames;
    private readonly object _lock = new();

    private WiodJrcCo2Accounts(string path, IReadOnlyList<string> sheetNames, Dictionary<string, XlsxSheet> sheetOfName)
    {
        _path = path;
        _sheetNames = sheetNames;
        _sheetOfName = sheetOfName;
    }

    public string Path => _path;

    public IReadOnlyList<string> SheetNames => _sheetNames;

    public static WiodJrcCo2Accounts Load(string path)
    {
        // One pass over the workbook: the reader parses every sheet before the one it is asked for, so reopening it per
        // country would parse the leading sheets again each time. The 45 small sheets take about 1 MB in memory.
        using var book = XlsxWorkbook.Open(path);
        var names = book.SheetNames;
        return new WiodJrcCo2Accounts(path, names, names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, book.ReadSheet, StringComparer.Ordinal));
    }

    /// <summary>CO2 in kt for the given industry codes of one country and year.</summary>
    public double[] Emissions(string country, int year, IReadOnlyList<string> codes)
    {
        var (rowOfYear, columnOfCode, sheet) = SheetFor(country);
        if (!rowOfYear.TryGetValue(year, out int row))
        {
            throw new InputOutputDataException($"sheet '{country}' has no year {year}. Years: {string.Join(", ", rowOfYear.Keys.Order())}.", _path, column: "A");
        }

        var r = new double[codes.Count];
        for (int i = 0; i < r.Length; i++)
        {
            if (!columnOfCode.TryGetValue(codes[i], out int col))
            {
                throw new InputOutputDataException($"sheet '{country}' has no industry column '{codes[i]}' in row 2. Columns: {InputOutputDataException.ListNames(columnOfCode.Keys)}.", _path, 2, codes[i]);
            }

            r[i] = sheet.Number(row, col, $"CO2 of {codes[i]} in {year}");
        }

        return r;
    }

    private (Dictionary<int, int>, Dictionary<string, int>, XlsxSheet) SheetFor(string country)
    {
        lock (_lock)
        {
            if (_sheets.TryGetValue(country, out var cached))
            {
                return cached;
            }

            if (!_sheetOfName.TryGetValue(country, out var sheet))
            {
                throw new InputOutputDataException($"no sheet named '{country}'. Sheets in this workbook: {InputOutputDataException.ListNames(_sheetNames)}.", _path, column: country);
            }

            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int c = 2; c <= sheet.ColumnCount; c++)
            {
                string code = sheet.Text(2, c);
                if (code.Length > 0)
                {
                    columns[code] = c;
                }
            }

            var rows = new Dictionary<int, int>();
            for (int r = 3; r <= sheet.RowCount; r++)
            {
                string y = sheet.Text(r, 1);
                if (y.Length > 0 && int.TryParse(y, NumberStyles.Integer, CultureInfo.InvariantCulture, out int year))
                {
                    rows[year] = r;
                }
            }

            var entry = (rows, columns, sheet);
            _sheets[country] = entry;
            return entry;
        }
    }
}
