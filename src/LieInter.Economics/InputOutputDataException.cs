using System.Text;

namespace LieInter.Economics;

/// <summary>
/// Bad or inconsistent input-output data. The message names the file and, where one applies, the row and column;
/// the same facts are available as properties so callers can report them without parsing the message.
/// </summary>
public sealed class InputOutputDataException : Exception
{
    public InputOutputDataException(string problem, string? file = null, int? row = null, string? column = null, string? rowLabel = null, Exception? inner = null)
        : base(Compose(problem, file, row, column, rowLabel), inner)
    {
        Problem = problem;
        File = file;
        Row = row;
        Column = column;
        RowLabel = rowLabel;
    }

    /// <summary>The same, for an interpolated <paramref name="problem"/>: its numbers are formatted with the invariant culture.</summary>
    internal InputOutputDataException(InvariantMessage problem, string? file = null, int? row = null, string? column = null, string? rowLabel = null, Exception? inner = null)
        : this(problem.ToStringAndClear(), file, row, column, rowLabel, inner)
    {
    }

    /// <summary>The problem alone, without the location prefix.</summary>
    public string Problem { get; }

    /// <summary>The file (or folder, for table-level checks) the problem was found in.</summary>
    public string? File { get; }

    /// <summary>
    /// 1-based row in the file's own row structure: a text line, a spreadsheet row as Excel numbers it, or a JSON array
    /// element (the message says which).
    /// </summary>
    public int? Row { get; }

    /// <summary>Column header, spreadsheet column letter or sector code, when one applies.</summary>
    public string? Column { get; }

    /// <summary>Row label (sector code, stressor name) when one applies.</summary>
    public string? RowLabel { get; }

    private static string Compose(string problem, string? file, int? row, string? column, string? rowLabel)
    {
        var sb = new StringBuilder();
        if (file is not null)
        {
            sb.Append(file);
        }

        var where = new List<string>();
        if (row is int r)
        {
            where.Add($"row {r}");
        }

        if (rowLabel is not null)
        {
            where.Add($"'{rowLabel}'");
        }

        if (column is not null)
        {
            where.Add($"column '{column}'");
        }

        if (where.Count > 0)
        {
            sb.Append(sb.Length > 0 ? " " : string.Empty).Append('(').Append(string.Join(", ", where)).Append(')');
        }

        if (sb.Length > 0)
        {
            sb.Append(": ");
        }

        return sb.Append(problem).ToString();
    }

    /// <summary>Formats a list of available names for "not found" messages, shortening very long lists.</summary>
    internal static string ListNames(IEnumerable<string> names, int max = 60)
    {
        var all = names.ToList();
        string shown = string.Join(", ", all.Take(max).Select(n => $"'{n}'"));
        return all.Count > max ? $"{shown}, ... ({all.Count} in all)" : shown;
    }
}
