using System.Globalization;

namespace LieInter.Economics;

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
