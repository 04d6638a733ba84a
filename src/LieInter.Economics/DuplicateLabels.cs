namespace LieInter.Economics;

/// <summary>
/// Finds a label (sector code, stressor name) given twice in the file that lists it, so the error names that file and
/// both rows instead of surfacing later as a mismatch in another file.
/// </summary>
internal static class DuplicateLabels
{
    /// <param name="labels">Each label with the 1-based row it is on, in the file's own row numbering.</param>
    /// <param name="file">The file that lists the labels.</param>
    /// <param name="what">What the labels are ("sector code"), for the message.</param>
    /// <param name="column">The column the labels are in, if the file has named columns.</param>
    /// <param name="rowWord">How the file counts its rows ("line", "row", "element"), for the message.</param>
    public static void Reject(IEnumerable<(string Label, int Row)> labels, string file, string what, string? column = null, string rowWord = "line")
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (label, row) in labels)
        {
            if (!first.TryAdd(label, row))
            {
                throw new InputOutputDataException($"{what} '{label}' appears twice (first on {rowWord} {first[label]}); each must be listed once.", file, row, column, label);
            }
        }
    }
}
