using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace LieInter.Economics;

/// <summary>The value of one spreadsheet cell: a number, a string, or empty (booleans read as 0/1, errors as text).</summary>
public readonly record struct XlsxCell(double? Number, string? Text)
{
    public bool IsEmpty => Number is null && string.IsNullOrEmpty(Text);

    public override string ToString() => Number?.ToString("R", CultureInfo.InvariantCulture) ?? Text ?? string.Empty;
}

/// <summary>
/// One worksheet read into memory. Rows and columns are 1-based as Excel shows them (row 1, column 1 = "A1"); missing
/// cells are empty.
/// </summary>
public sealed class XlsxSheet
{
    private readonly Dictionary<int, XlsxCell[]> _rows;

    internal XlsxSheet(string file, string name, Dictionary<int, XlsxCell[]> rows)
    {
        File = file;
        Name = name;
        _rows = rows;
        RowCount = rows.Count == 0 ? 0 : rows.Keys.Max();
        ColumnCount = rows.Count == 0 ? 0 : rows.Values.Max(r => r.Length);
    }

    public string File { get; }

    public string Name { get; }

    /// <summary>Highest row number holding a cell.</summary>
    public int RowCount { get; }

    /// <summary>Highest column number holding a cell.</summary>
    public int ColumnCount { get; }

    public XlsxCell this[int row, int column] =>
        _rows.TryGetValue(row, out var cells) && column >= 1 && column <= cells.Length ? cells[column - 1] : default;

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

/// <summary>
/// A minimal reader for .xlsx workbooks (Office Open XML), built on System.IO.Compression and System.Xml: finds a
/// sheet by name through workbook.xml and its relationships, and reads shared strings, inline strings, numbers and
/// booleans, with cell references such as "AB12" and gaps between cells. Formulas are not evaluated; their cached
/// values are read. Enough for data tables; not a general spreadsheet library.
/// </summary>
public sealed class XlsxWorkbook : IDisposable
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, string> _sheetParts;
    private string[]? _sharedStrings;

    private XlsxWorkbook(string path, ZipArchive zip, List<string> sheetNames, Dictionary<string, string> sheetParts)
    {
        Path = path;
        _zip = zip;
        SheetNames = sheetNames;
        _sheetParts = sheetParts;
    }

    public string Path { get; }

    /// <summary>Sheet names in workbook order.</summary>
    public IReadOnlyList<string> SheetNames { get; }

    public static XlsxWorkbook Open(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new InputOutputDataException("workbook not found.", path);
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InputOutputDataException($"not an .xlsx workbook (not a readable zip archive: {ex.Message}).", path, inner: ex);
        }

        try
        {
            var (names, parts) = ReadWorkbook(path, zip);
            return new XlsxWorkbook(path, zip, names, parts);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>Reads a sheet by name; an error listing the workbook's sheets if there is none.</summary>
    public XlsxSheet ReadSheet(string name)
    {
        if (!_sheetParts.TryGetValue(name, out string? part))
        {
            throw new InputOutputDataException($"no sheet named '{name}'. Sheets in this workbook: {InputOutputDataException.ListNames(SheetNames)}.", Path, column: name);
        }

        var entry = _zip.GetEntry(part) ?? throw new InputOutputDataException($"sheet '{name}' points to part '{part}', which is missing from the archive.", Path);
        var shared = _sharedStrings ??= ReadSharedStrings();
        var rows = new Dictionary<int, XlsxCell[]>();
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { IgnoreComments = true, IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit });
            ReadSheetData(reader, name, shared, rows);
        }
        catch (XmlException ex)
        {
            throw new InputOutputDataException($"sheet '{name}' ({part}) is not well-formed XML at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}", Path, inner: ex);
        }
        catch (InvalidDataException ex)
        {
            throw new InputOutputDataException($"sheet '{name}' ({part}) cannot be decompressed: {ex.Message}", Path, inner: ex);
        }

        return new XlsxSheet(Path, name, rows);
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>"A" -> 1, "Z" -> 26, "AA" -> 27.</summary>
    public static int ColumnNumber(string letters)
    {
        int c = 0;
        foreach (char ch in letters)
        {
            if (ch < 'A' || ch > 'Z')
            {
                throw new FormatException($"'{letters}' is not a column name.");
            }

            c = checked(c * 26 + (ch - 'A' + 1));
        }

        return c;
    }

    public static string ColumnLetters(int column)
    {
        var sb = new StringBuilder();
        while (column > 0)
        {
            int rem = (column - 1) % 26;
            sb.Insert(0, (char)('A' + rem));
            column = (column - 1) / 26;
        }

        return sb.ToString();
    }

    public static string CellReference(int row, int column) => $"{ColumnLetters(column)}{row}";

    /// <summary>Splits "AB12" into column 28 and row 12.</summary>
    public static (int Row, int Column) ParseCellReference(string reference)
    {
        int k = 0;
        while (k < reference.Length && char.IsAsciiLetterUpper(reference[k]))
        {
            k++;
        }

        if (k == 0 || k == reference.Length || !int.TryParse(reference.AsSpan(k), NumberStyles.None, CultureInfo.InvariantCulture, out int row) || row < 1)
        {
            throw new FormatException($"'{reference}' is not a cell reference like 'AB12'.");
        }

        return (row, ColumnNumber(reference[..k]));
    }

    private static (List<string> Names, Dictionary<string, string> Parts) ReadWorkbook(string path, ZipArchive zip)
    {
        var workbookEntry = zip.GetEntry("xl/workbook.xml") ?? FindWorkbookPart(zip)
            ?? throw new InputOutputDataException("not an .xlsx workbook: xl/workbook.xml is missing.", path);
        string workbookDir = workbookEntry.FullName.Contains('/') ? workbookEntry.FullName[..(workbookEntry.FullName.LastIndexOf('/') + 1)] : string.Empty;
        string relsName = $"{workbookDir}_rels/{workbookEntry.FullName[workbookDir.Length..]}.rels";
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        var relsEntry = zip.GetEntry(relsName) ?? throw new InputOutputDataException($"not an .xlsx workbook: {relsName} is missing.", path);
        using (var s = relsEntry.Open())
        using (var r = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "Relationship")
                {
                    string? id = r.GetAttribute("Id");
                    string? target = r.GetAttribute("Target");
                    if (id is not null && target is not null)
                    {
                        targets[id] = ResolvePart(workbookDir, target);
                    }
                }
            }
        }

        var names = new List<string>();
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var s = workbookEntry.Open())
        using (var r = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "sheet")
                {
                    string? name = r.GetAttribute("name");
                    string? rid = r.GetAttribute("id", RelationshipsNamespace);
                    if (name is null || rid is null)
                    {
                        continue;
                    }

                    names.Add(name);
                    if (targets.TryGetValue(rid, out string? part))
                    {
                        parts[name] = part;
                    }
                }
            }
        }

        return (names, parts);
    }

    private static ZipArchiveEntry? FindWorkbookPart(ZipArchive zip) =>
        zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("/workbook.xml", StringComparison.OrdinalIgnoreCase));

    private static string ResolvePart(string baseDir, string target)
    {
        if (target.StartsWith('/'))
        {
            return target[1..];
        }

        var parts = new List<string>((baseDir + target).Split('/', StringSplitOptions.RemoveEmptyEntries));
        for (int i = 0; i < parts.Count; i++)
        {
            if (parts[i] == "..")
            {
                parts.RemoveAt(i);
                if (i > 0)
                {
                    parts.RemoveAt(i - 1);
                    i--;
                }

                i--;
            }
            else if (parts[i] == ".")
            {
                parts.RemoveAt(i);
                i--;
            }
        }

        return string.Join('/', parts);
    }

    private string[] ReadSharedStrings()
    {
        var entry = _zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null)
        {
            return Array.Empty<string>();
        }

        var list = new List<string>();
        try
        {
            using var s = entry.Open();
            using var r = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "si")
                {
                    list.Add(ReadStringItem(r));
                }
            }
        }
        catch (XmlException ex)
        {
            throw new InputOutputDataException($"xl/sharedStrings.xml is not well-formed XML at line {ex.LineNumber}: {ex.Message}", Path, inner: ex);
        }

        return list.ToArray();
    }

    /// <summary>Reads an &lt;si&gt; or &lt;is&gt; element: plain &lt;t&gt; or rich-text runs, skipping phonetic runs.</summary>
    private static string ReadStringItem(XmlReader r)
    {
        if (r.IsEmptyElement)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        int depth = r.Depth;
        bool inPhonetic = false;
        while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "rPh")
            {
                inPhonetic = !r.IsEmptyElement;
            }
            else if (r.NodeType == XmlNodeType.EndElement && r.LocalName == "rPh")
            {
                inPhonetic = false;
            }
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "t" && !inPhonetic && !r.IsEmptyElement)
            {
                sb.Append(r.ReadElementContentAsString());
                if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth)
                {
                    break;
                }
            }
        }

        return sb.ToString();
    }

    private void ReadSheetData(XmlReader r, string sheet, string[] shared, Dictionary<int, XlsxCell[]> rows)
    {
        int currentRow = 0;
        var cells = new List<(int Column, XlsxCell Cell)>();

        void FlushRow()
        {
            if (currentRow <= 0 || cells.Count == 0)
            {
                cells.Clear();
                return;
            }

            int width = cells.Max(c => c.Column);
            var arr = rows.TryGetValue(currentRow, out var existing) && existing.Length >= width ? existing : new XlsxCell[width];
            if (existing is not null && !ReferenceEquals(existing, arr))
            {
                Array.Copy(existing, arr, existing.Length);
            }

            foreach (var (col, cell) in cells)
            {
                arr[col - 1] = cell;
            }

            rows[currentRow] = arr;
            cells.Clear();
        }

        int previousColumn = 0;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "row")
            {
                FlushRow();
                string? rAttr = r.GetAttribute("r");
                currentRow = rAttr is null ? currentRow + 1 : int.Parse(rAttr, CultureInfo.InvariantCulture);
                previousColumn = 0;
                if (r.IsEmptyElement)
                {
                    continue;
                }
            }
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "c")
            {
                string? reference = r.GetAttribute("r");
                int column;
                if (reference is null)
                {
                    column = previousColumn + 1;
                }
                else
                {
                    try
                    {
                        var (row, col) = ParseCellReference(reference);
                        if (row != currentRow)
                        {
                            throw new InputOutputDataException($"sheet '{sheet}': cell {reference} sits inside row {currentRow}.", Path, currentRow);
                        }

                        column = col;
                    }
                    catch (FormatException ex)
                    {
                        throw new InputOutputDataException($"sheet '{sheet}': {ex.Message}", Path, currentRow, inner: ex);
                    }
                }

                previousColumn = column;
                string type = r.GetAttribute("t") ?? "n";
                var cell = ReadCell(r, type, shared, sheet, currentRow, column);
                if (!cell.IsEmpty)
                {
                    cells.Add((column, cell));
                }
            }
        }

        FlushRow();
    }

    private XlsxCell ReadCell(XmlReader r, string type, string[] shared, string sheet, int row, int column)
    {
        if (r.IsEmptyElement)
        {
            return default;
        }

        string? value = null;
        string? inline = null;
        int depth = r.Depth;
        while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "v")
            {
                value = r.IsEmptyElement ? string.Empty : r.ReadElementContentAsString();
                if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth)
                {
                    break;
                }
            }
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "is")
            {
                inline = ReadStringItem(r);
            }
        }

        string where = CellReference(row, column);
        switch (type)
        {
            case "s":
                if (value is null)
                {
                    return default;
                }

                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < 0 || index >= shared.Length)
                {
                    throw new InputOutputDataException($"sheet '{sheet}', cell {where}: shared-string index '{value}' is outside the table of {shared.Length} strings.", Path, row, ColumnLetters(column));
                }

                return new XlsxCell(null, shared[index]);
            case "inlineStr":
                return new XlsxCell(null, inline ?? value ?? string.Empty);
            case "str":
            case "e":
                return new XlsxCell(null, value ?? string.Empty);
            case "b":
                return new XlsxCell(value == "1" ? 1.0 : 0.0, null);
            default:
                if (string.IsNullOrEmpty(value))
                {
                    return default;
                }

                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                {
                    throw new InputOutputDataException($"sheet '{sheet}', cell {where}: '{value}' is not a number.", Path, row, ColumnLetters(column));
                }

                return new XlsxCell(d, null);
        }
    }
}
