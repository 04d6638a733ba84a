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
