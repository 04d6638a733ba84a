namespace LieInter.Economics;

/// <summary>
/// Saves a table as a whole folder: written into a fresh hidden sibling first, then swapped in for the target. No file
/// of an earlier table survives beside the new ones, and a write that fails leaves the old folder as it was.
/// </summary>
internal static class TableFolder
{
    /// <param name="folder">The target folder; it may be missing, empty, or an earlier save in the same layout.</param>
    /// <param name="layout">The layout's name, for messages ("EEIO CSV", "pymrio").</param>
    /// <param name="foreignEntry">
    /// Given an existing target, the name of an entry that is not part of a save in this layout, or null. A folder
    /// with such an entry is refused, because replacing it would delete the user's files.
    /// </param>
    /// <param name="write">Writes the table into the folder it is given.</param>
    public static void Replace(string folder, string layout, Func<string, string?> foreignEntry, Action<string> write)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (File.Exists(target))
        {
            throw new InputOutputDataException($"is a file; a {layout} table is saved as a folder.", target);
        }

        if (Directory.Exists(target) && foreignEntry(target) is string foreign)
        {
            throw new InputOutputDataException(
                $"holds '{foreign}', which is not part of a saved {layout} table. Saving replaces the whole folder, so it refuses one that holds other files; save into a new or empty folder.",
                target);
        }

        string parent = Path.GetDirectoryName(target) ?? throw new InputOutputDataException("cannot save a table as a file-system root.", target);
        string name = Path.GetFileName(target);
        string tag = Guid.NewGuid().ToString("N");
        string staging = Path.Combine(parent, $".{name}.saving-{tag}");
        string replaced = Path.Combine(parent, $".{name}.replaced-{tag}");
        try
        {
            Directory.CreateDirectory(staging);
            write(staging);
            if (!Directory.Exists(target))
            {
                Directory.Move(staging, target);
                return;
            }

            Directory.Move(target, replaced);
            try
            {
                Directory.Move(staging, target);
            }
            catch
            {
                Directory.Move(replaced, target);
                throw;
            }

            TryDelete(replaced);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new InputOutputDataException($"cannot write the {layout} table: {ex.Message}", target, inner: ex);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden folder is harmless; the save itself succeeded or has already reported its failure.
        }
    }
}
