using System.Globalization;

namespace LieInter.Economics;

/// <summary>
/// One worksheet read into memory. Rows and columns are 1-based as Excel shows them (row 1, column 1 = "A1"); missing
/// cells are empty.
/// </summary>
public sealed class XlsxSheet
{
    // Row r lives at index r - 1; each row is trimmed after its last non-empty cell.
    private readonly XlsxCell[][] _rows;

    internal XlsxSheet(string file, string name, XlsxCell[][] rows)
    {
        File = file;
        Name = name;
        _rows = rows;
        RowCount = rows.Length;
        ColumnCount = rows.Length == 0 ? 0 : rows.Max(r => r.Length);
    }

    /// <summary>The workbook the sheet was read from.</summary>
    public string File { get; }

    /// <summary>The sheet's name as the workbook lists it.</summary>
    public string Name { get; }

    /// <summary>Highest row number holding a cell.</summary>
    public int RowCount { get; }

    /// <summary>Highest column number holding a cell.</summary>
    public int ColumnCount { get; }

    /// <summary>The cell at a 1-based row and column; empty outside the sheet's cells.</summary>
    public XlsxCell this[int row, int column] =>
        row >= 1 && row <= _rows.Length && column >= 1 && column <= _rows[row - 1].Length ? _rows[row - 1][column - 1] : default;

    /// <summary>Text of a cell: its string, or its number printed invariantly; empty for an empty cell.</summary>
    public string Text(int row, int column) => this[row, column].ToString().Trim();

    /// <summary>A finite number, or an error naming the workbook, sheet, cell and what was expected.</summary>
    public double Number(int row, int column, string what)
    {
        var cell = this[row, column];
        if (cell.Number is double d)
        {
            return double.IsFinite(d)
                ? d
                : throw new InputOutputDataException($"sheet '{Name}', cell {XlsxWorkbook.CellReference(row, column)}: {what} is not finite ({d}).", File, row, XlsxWorkbook.ColumnLetters(column));
        }

        if (cell.Text is string s && double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && double.IsFinite(parsed))
        {
            return parsed;
        }

        string shown = cell.IsEmpty ? "an empty cell" : $"'{cell.Text}'";
        throw new InputOutputDataException($"sheet '{Name}', cell {XlsxWorkbook.CellReference(row, column)}: expected a number for {what}, found {shown}.", File, row, XlsxWorkbook.ColumnLetters(column));
    }

    /// <summary>Column number whose cell in <paramref name="headerRow"/> has this text; an error listing the headers otherwise.</summary>
    public int FindColumn(int headerRow, string header)
    {
        for (int c = 1; c <= ColumnCount; c++)
        {
            if (string.Equals(Text(headerRow, c), header, StringComparison.Ordinal))
            {
                return c;
            }
        }

        var headers = Enumerable.Range(1, ColumnCount).Select(c => Text(headerRow, c)).Where(t => t.Length > 0);
        throw new InputOutputDataException($"sheet '{Name}' has no column '{header}' in row {headerRow}. Headers there: {InputOutputDataException.ListNames(headers)}.", File, headerRow, header);
    }
}
