using System.Globalization;
using System.Text;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace LieInter.Economics;

/// <summary>
/// An .xlsx workbook read with ExcelDataReader: sheets are found by name and read whole into an <see cref="XlsxSheet"/>.
/// Formulas are not evaluated; their cached values are read. Shared, inline and rich-text strings read as text;
/// numbers, booleans (0/1) and date-formatted numbers (as <see cref="DateTime.ToOADate"/>) read as numbers; error cells
/// read as empty.
/// Library failures on corrupt files become <see cref="InputOutputDataException"/>s naming the file and sheet.
/// </summary>
public sealed class XlsxWorkbook : IDisposable
{
    private IExcelDataReader? _reader;
    private IReadOnlyList<string>? _sheetNames;

    static XlsxWorkbook()
    {
        // ExcelReaderConfiguration's default fallback encoding is code page 1252, created for every reader (xlsx too);
        // .NET has it only through this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private XlsxWorkbook(string path, IExcelDataReader reader)
    {
        Path = path;
        _reader = reader;
    }

    /// <summary>The workbook's file.</summary>
    public string Path { get; }

    /// <summary>Sheet names in workbook order.</summary>
    public IReadOnlyList<string> SheetNames
    {
        get
        {
            if (_sheetNames is null)
            {
                var seen = new List<string>();
                MoveTo(null, seen);
                _sheetNames = seen;
            }

            return _sheetNames;
        }
    }

    /// <summary>Opens a workbook; an error naming the file if it is missing or not an .xlsx workbook.</summary>
    public static XlsxWorkbook Open(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new InputOutputDataException("workbook not found.", path);
        }

        return new XlsxWorkbook(path, OpenReader(path));
    }

    /// <summary>Reads a sheet by name; an error listing the workbook's sheets if there is none.</summary>
    public XlsxSheet ReadSheet(string name)
    {
        var seen = new List<string>();
        if (!MoveTo(name, seen))
        {
            throw new InputOutputDataException($"no sheet named '{name}'. Sheets in this workbook: {InputOutputDataException.ListNames(seen)}.", Path, column: name);
        }

        var reader = _reader!;
        var rows = new List<XlsxCell[]>();
        int lastFilled = 0;
        try
        {
            var buffer = new XlsxCell[reader.FieldCount];
            while (reader.Read())
            {
                // The library yields every row from row 1 on, empty ones included, so the row number is the count.
                int width = 0;
                for (int c = 0; c < buffer.Length; c++)
                {
                    buffer[c] = ToCell(reader.GetValue(c));
                    if (!buffer[c].IsEmpty)
                    {
                        width = c + 1;
                    }
                }

                rows.Add(buffer[..width]);
                if (width > 0)
                {
                    lastFilled = rows.Count;
                }
            }
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            Close();
            throw new InputOutputDataException($"sheet '{name}' cannot be read after row {rows.Count}: {Describe(ex)}", Path, inner: ex);
        }

        return new XlsxSheet(Path, name, rows.Take(lastFilled).ToArray());
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => Close();

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

    /// <summary>1 -> "A", 26 -> "Z", 27 -> "AA".</summary>
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

    /// <summary>Row 12, column 28 -> "AB12".</summary>
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

    private static IExcelDataReader OpenReader(string path)
    {
        var stream = System.IO.File.OpenRead(path);
        try
        {
            // The library reads workbook.xml, the shared strings and styles here, and the first sheet.
            return ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            stream.Dispose();
            throw new InputOutputDataException($"not an .xlsx workbook ({Describe(ex)}).", path, inner: ex);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Positions the reader on the sheet called <paramref name="name"/> (null: walks them all), collecting the names it
    /// passes. Sheets already passed are cached by the library, so a second walk does not parse them again.
    /// </summary>
    private bool MoveTo(string? name, List<string> seen)
    {
        var reader = _reader ??= OpenReader(Path);
        int count = reader.ResultsCount;
        try
        {
            reader.Reset();
            for (int i = 0; i < count; i++)
            {
                if (i > 0 && !reader.NextResult())
                {
                    break;
                }

                seen.Add(reader.Name);
                if (name is not null && string.Equals(reader.Name, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            // The library builds a sheet, and learns its name, only once its XML has been read, so a broken sheet is
            // known by position. Its walk state is unusable after a throw: the next call reopens the file.
            Close();
            string which = seen.Count == 0 ? "the first sheet" : $"the sheet after '{seen[^1]}'";
            throw new InputOutputDataException($"{which} (sheet {seen.Count + 1} of {count}) cannot be read: {Describe(ex)}", Path, inner: ex);
        }
    }

    private void Close()
    {
        _reader?.Dispose();
        _reader = null;
    }

    private static XlsxCell ToCell(object? value) => value switch
    {
        null => default,
        double d => new XlsxCell(d, null),
        string s => new XlsxCell(null, s),
        bool b => new XlsxCell(b ? 1.0 : 0.0, null),
        // A date-formatted number comes back as a date; the tables want the number. This is the stored serial in
        // 1900-date workbooks from March 1900 on (the library shifts earlier serials and 1904-date ones).
        DateTime t => new XlsxCell(t.ToOADate(), null),
        TimeSpan t => new XlsxCell(t.TotalDays, null),
        IConvertible c => new XlsxCell(c.ToDouble(CultureInfo.InvariantCulture), null),
        _ => new XlsxCell(null, Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>What the library and the zip and XML readers under it throw on a corrupt or foreign file.</summary>
    private static bool IsReadFailure(Exception ex) =>
        ex is ExcelReaderException or InvalidDataException or XmlException or FormatException or OverflowException or ArgumentException or InvalidOperationException;

    private static string Describe(Exception ex) => ex switch
    {
        // XmlException's message already ends with the line and position.
        XmlException => $"not well-formed XML: {ex.Message}",
        InvalidDataException => $"not a readable zip archive: {ex.Message}",
        _ => ex.Message,
    };
}
