using System.Globalization;
using System.Text;

namespace LieInter.Economics;

/// <summary>One record of a delimited text file with the 1-based line it starts on.</summary>
internal readonly record struct TextRecord(int Line, string[] Fields);

/// <summary>
/// A small RFC 4180 reader for comma- or tab-separated files: quoted fields may hold the delimiter, doubled quotes
/// and line breaks. Unquoted fields are trimmed; blank lines are skipped. Every record keeps its line number so errors
/// can name it.
/// </summary>
internal sealed class DelimitedText
{
    private DelimitedText(string path, char delimiter, List<TextRecord> records)
    {
        Path = path;
        Delimiter = delimiter;
        Records = records;
    }

    public string Path { get; }

    public char Delimiter { get; }

    public IReadOnlyList<TextRecord> Records { get; }

    public static DelimitedText Read(string path, char delimiter)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new InputOutputDataException("file not found.", path);
        }

        string text;
        try
        {
            text = System.IO.File.ReadAllText(path, Encoding.UTF8);
        }
        catch (IOException ex)
        {
            throw new InputOutputDataException($"cannot read the file: {ex.Message}", path, inner: ex);
        }

        return Parse(text, path, delimiter);
    }

    public static DelimitedText Parse(string text, string path, char delimiter)
    {
        var records = new List<TextRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        bool inQuotes = false;
        bool fieldWasQuoted = false;
        int i = 0;
        int n = text.Length;
        if (n > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        void EndField()
        {
            fields.Add(fieldWasQuoted ? field.ToString() : field.ToString().Trim());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            bool blank = fields.Count == 1 && fields[0].Length == 0;
            if (!blank)
            {
                records.Add(new TextRecord(recordLine, fields.ToArray()));
            }

            fields.Clear();
        }

        for (; i < n; i++)
        {
            char ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < n && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            if (ch == '"' && field.ToString().Trim().Length == 0)
            {
                // Opening quote: anything before it was blank padding.
                field.Clear();
                inQuotes = true;
                fieldWasQuoted = true;
            }
            else if (ch == delimiter)
            {
                EndField();
            }
            else if (ch == '\r')
            {
                // Handled by the following '\n' (or ends the record on its own for old Mac files).
                if (i + 1 >= n || text[i + 1] != '\n')
                {
                    EndRecord();
                    line++;
                    recordLine = line;
                }
            }
            else if (ch == '\n')
            {
                EndRecord();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(ch);
            }
        }

        if (inQuotes)
        {
            throw new InputOutputDataException("a quoted field is not closed before the end of the file (truncated file?).", path, recordLine);
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            EndRecord();
        }

        return new DelimitedText(path, delimiter, records);
    }

    /// <summary>
    /// Parses a finite number. Empty cells and "NA" are missing values: an error unless <paramref name="missingAs"/> is
    /// given. NaN and infinities are always an error.
    /// </summary>
    public static double ParseNumber(string cell, string file, int line, string? column, string? rowLabel, double? missingAs = null)
    {
        string s = cell.Trim();
        if (s.Length == 0 || s.Equals("NA", StringComparison.OrdinalIgnoreCase))
        {
            if (missingAs is double m)
            {
                return m;
            }

            throw new InputOutputDataException($"missing value ('{cell}') where a number is required.", file, line, column, rowLabel);
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new InputOutputDataException($"'{cell}' is not a number.", file, line, column, rowLabel);
        }

        if (!double.IsFinite(value))
        {
            throw new InputOutputDataException($"value '{cell}' is not finite (NaN or infinity).", file, line, column, rowLabel);
        }

        return value;
    }

    /// <summary>Formats a double so that parsing it back gives the same bits.</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Quotes a field for CSV output when it holds a delimiter, quote or line break.</summary>
    public static string Quote(string field, char delimiter)
    {
        if (field.IndexOfAny(new[] { delimiter, '"', '\n', '\r' }) < 0 && field.Trim() == field)
        {
            return field;
        }

        return "\"" + field.Replace("\"", "\"\"") + "\"";
    }
}
