using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LieInter.Economics;

/// <summary>
/// Reads and writes the text folder layout of pymrio's <c>IOSystem.save_all</c> (table_format "txt"):
/// <list type="bullet">
/// <item>the core folder: <c>file_parameters.json</c> {"files": {key: {"name", "nr_index_col", "nr_header"}},
/// "systemtype": "IOSystem"}, <c>metadata.json</c>, and tab-separated tables A.txt, Z.txt, Y.txt, x.txt (and unit.txt)
/// written by pandas <c>to_csv(sep="\t")</c>;</item>
/// <item>one subfolder per extension (satellite account) with its own <c>file_parameters.json</c> (systemtype
/// "Extension", "name") and S.txt and/or F.txt, and unit.txt.</item>
/// </list>
/// A pandas table with a row MultiIndex of <c>nr_index_col</c> levels and a column MultiIndex of <c>nr_header</c>
/// levels is written as: one line per column level (level name, blanks for the remaining index columns, then the
/// labels), then a line of index names (only when there are several column levels), then the data rows (index labels,
/// then values). With one column level the index names share the single header line.
/// </summary>
public static class PymrioFolder
{
    public const string FileParameters = "file_parameters.json";
    public const string Metadata = "metadata.json";

    /// <summary>
    /// Loads a saved IOSystem with all extension subfolders. A comes from A.txt, or from Z.txt and x.txt (A = Z / x;
    /// zero output is allowed only for a sector with no inputs). y is the row sum of Y.txt, its columns the categories.
    /// Stressors come from S.txt (or F.txt divided by x) with units from unit.txt; a stressor's name is its index
    /// labels joined by "/" ("CO2/air"), with the first label as an alias.
    /// </summary>
    public static InputOutputTable Load(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new InputOutputDataException("pymrio folder not found.", path);
        }

        var core = ReadParameters(path);
        if (core.SystemType != "IOSystem")
        {
            throw new InputOutputDataException($"systemtype is '{core.SystemType}', expected 'IOSystem' for the core folder.", Path.Combine(path, FileParameters), column: "systemtype");
        }

        Table? a = core.Files.ContainsKey("A") ? ReadTable(path, core, "A") : null;
        Table? z = core.Files.ContainsKey("Z") ? ReadTable(path, core, "Z") : null;
        Table? x = core.Files.ContainsKey("x") ? ReadTable(path, core, "x") : null;
        Table yTable = core.Files.ContainsKey("Y") ? ReadTable(path, core, "Y")
            : throw new InputOutputDataException($"no final demand: '{FileParameters}' lists no 'Y' file. Files listed: {InputOutputDataException.ListNames(core.Files.Keys)}.", Path.Combine(path, FileParameters));
        var basis = a ?? z ?? throw new InputOutputDataException($"neither 'A' nor 'Z' is listed. Files listed: {InputOutputDataException.ListNames(core.Files.Keys)}.", Path.Combine(path, FileParameters));
        var rowKeys = basis.RowLabels;
        int n = rowKeys.Count;
        var sectors = rowKeys.Select(k => k.Length >= 2 ? new Sector(k[1], k[1], k[0]) : new Sector(k[0], k[0], "")).ToList();
        CheckSquare(basis);
        DuplicateLabels.Reject(rowKeys.Select((k, i) => (string.Join("/", k), basis.RowLines[i])), basis.File, "sector");
        double[]? output = null;
        if (x is not null)
        {
            CheckRowsMatch(x, rowKeys, basis.File);
            if (x.ColumnCount != 1)
            {
                throw new InputOutputDataException($"x must have one column, found {x.ColumnCount}.", x.File, 1);
            }

            output = Enumerable.Range(0, n).Select(i => x.Values[i]).ToArray();
        }

        double[] coefficients;
        if (a is not null)
        {
            coefficients = a.Values;
        }
        else
        {
            if (output is null)
            {
                throw new InputOutputDataException("A is not saved, so A = Z / x needs x, but 'x' is not listed.", Path.Combine(path, FileParameters));
            }

            coefficients = DivideColumns(z!.Values, output, n, z, "Z");
        }

        CheckRowsMatch(yTable, rowKeys, basis.File);
        var y = new double[n];
        var categories = new List<FinalDemandCategory>();
        var yRegions = yTable.ColumnLabels.Select(c => c[0]).Distinct().ToList();
        for (int c = 0; c < yTable.ColumnCount; c++)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++)
            {
                v[i] = yTable.Values[i * yTable.ColumnCount + c];
                y[i] += v[i];
            }

            var label = yTable.ColumnLabels[c];
            string categoryName = label.Length >= 2 ? (yRegions.Count > 1 ? $"{label[0]}/{label[1]}" : label[1]) : label[0];
            // The first column level is the region of final demand; keep it explicit rather than only in the name.
            categories.Add(new FinalDemandCategory(categoryName, v, label.Length >= 2 && label[0].Length > 0 ? label[0] : null));
        }

        string monetaryUnit = "unspecified";
        if (core.Files.ContainsKey("unit"))
        {
            var unit = ReadTable(path, core, "unit", numeric: false);
            var units = unit.Text.Distinct().ToList();
            monetaryUnit = units.Count == 1 ? units[0] : throw new InputOutputDataException($"the core unit table has several units ({string.Join(", ", units)}); one monetary unit is expected.", unit.File);
        }

        var notes = new List<string>();
        var stressors = new List<Stressor>();
        Func<double[]> outputForDivision = () => output ?? throw new InputOutputDataException("an extension has F but no S, and the core has no x to divide by.", Path.Combine(path, FileParameters));
        foreach (var dir in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(dir, FileParameters)))
            {
                continue;
            }

            var ext = ReadParameters(dir);
            if (ext.SystemType != "Extension")
            {
                continue;
            }

            stressors.AddRange(ReadExtension(dir, ext, rowKeys, monetaryUnit, outputForDivision));
        }

        var meta = ReadMetadata(path);
        string name = meta.TryGetValue("mrio_name", out string? mn) && !string.IsNullOrWhiteSpace(mn) ? mn
            : meta.TryGetValue("name", out string? nm) && !string.IsNullOrWhiteSpace(nm) ? nm : Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        int? year = meta.TryGetValue("year", out string? ys) && int.TryParse(ys, NumberStyles.Integer, CultureInfo.InvariantCulture, out int yv) ? yv : null;
        string priceBasis = meta.TryGetValue("price_basis", out string? pb) && !string.IsNullOrWhiteSpace(pb) ? pb : "unspecified";
        if (meta.TryGetValue("description", out string? description) && !string.IsNullOrWhiteSpace(description))
        {
            notes.Add(description);
        }

        var regions = sectors.Select(s => s.Region).Distinct().ToList();
        return new InputOutputTable(name, string.Join(" + ", regions), year, sectors, coefficients, y, monetaryUnit, priceBasis, stressors, categories, output, path, notes);
    }

    /// <summary>
    /// Writes a table in the layout <see cref="Load"/> reads and pymrio's <c>load_all</c> accepts: A.txt, Z.txt
    /// (A times output), Y.txt, x.txt, unit.txt, metadata.json, and one extension subfolder per stressor group with
    /// S.txt, F.txt and unit.txt. Numbers are written in round-trip form, so loading gives back the same bits.
    /// </summary>
    /// <remarks>
    /// The folder is replaced as a whole, so no file or extension of an earlier save stays behind. A folder that is
    /// neither empty nor a pymrio save (a <c>file_parameters.json</c> at its top, one in each subfolder) is refused.
    /// </remarks>
    public static void Save(InputOutputTable table, string path) => TableFolder.Replace(path, "pymrio", ForeignEntry, staging => Write(table, staging));

    private static string? ForeignEntry(string folder)
    {
        var entries = Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList();
        if (entries.Count > 0 && !File.Exists(Path.Combine(folder, FileParameters)))
        {
            return Path.GetFileName(entries[0]);
        }

        return entries.Where(e => Directory.Exists(e) && !File.Exists(Path.Combine(e, FileParameters))).Select(Path.GetFileName).FirstOrDefault();
    }

    private static void Write(InputOutputTable table, string path)
    {
        int n = table.SectorCount;
        var sectors = table.Sectors;
        var rowLabels = sectors.Select((s, i) => new[] { table.SectorRegion(i), s.Code }).ToList();
        var x = table.Output.ToArray();
        var a = table.TechnicalCoefficients.ToArray();
        var z = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                z[i * n + j] = a[i * n + j] * x[j];
            }
        }

        var files = new Dictionary<string, (int IndexColumns, int Headers)>();
        WriteTable(Path.Combine(path, "A.txt"), new[] { "region", "sector" }, rowLabels, new[] { "region", "sector" }, rowLabels, a);
        files["A"] = (2, 2);
        WriteTable(Path.Combine(path, "Z.txt"), new[] { "region", "sector" }, rowLabels, new[] { "region", "sector" }, rowLabels, z);
        files["Z"] = (2, 2);
        var regions = table.Regions;
        var categories = table.FinalDemandCategories.Count > 0
            ? table.FinalDemandCategories.Select((c, k) => (Column: YColumn(table, k, regions[0]), Values: c.Values.ToArray())).ToList()
            : new List<(string[] Column, double[] Values)> { (new[] { regions[0], "final demand" }, table.FinalDemand.ToArray()) };
        var yColumns = categories.Select(c => c.Column).ToList();
        var yValues = new double[n * categories.Count];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < categories.Count; c++)
            {
                yValues[i * categories.Count + c] = categories[c].Values[i];
            }
        }

        WriteTable(Path.Combine(path, "Y.txt"), new[] { "region", "sector" }, rowLabels, new[] { "region", "category" }, yColumns, yValues);
        files["Y"] = (2, 2);
        WriteTable(Path.Combine(path, "x.txt"), new[] { "region", "sector" }, rowLabels, new[] { "indout" }, new[] { new[] { "indout" } }, x);
        files["x"] = (2, 1);
        WriteTextTable(Path.Combine(path, "unit.txt"), new[] { "region", "sector" }, rowLabels, "unit", Enumerable.Repeat(table.MonetaryUnit, n).ToList());
        files["unit"] = (2, 1);
        WriteParameters(path, "IOSystem", null, files);
        var meta = new JsonObject
        {
            ["description"] = $"Saved by LieInter from {table.Source}",
            ["mrio_name"] = table.Name,
            ["system"] = "pxp or ixi as in the source",
            ["version"] = table.Year?.ToString(CultureInfo.InvariantCulture),
            ["year"] = table.Year?.ToString(CultureInfo.InvariantCulture),
            ["price_basis"] = table.PriceBasis,
            ["history"] = new JsonArray(),
        };
        File.WriteAllText(Path.Combine(path, Metadata), meta.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        foreach (var group in table.Stressors.GroupBy(s => s.Group ?? "satellite"))
        {
            string folderName = string.Concat(group.Key.Select(ch => char.IsLetterOrDigit(ch) || ch is '_' or '-' ? ch : '_'));
            string dir = Path.Combine(path, folderName);
            Directory.CreateDirectory(dir);
            var list = group.ToList();
            var names = list.Select(s => new[] { s.Name }).ToList();
            var s = new double[list.Count * n];
            var f = new double[list.Count * n];
            for (int k = 0; k < list.Count; k++)
            {
                var v = list[k].Intensity;
                for (int j = 0; j < n; j++)
                {
                    s[k * n + j] = v[j];
                    f[k * n + j] = v[j] * x[j];
                }
            }

            WriteTable(Path.Combine(dir, "S.txt"), new[] { "stressor" }, names, new[] { "region", "sector" }, rowLabels, s);
            WriteTable(Path.Combine(dir, "F.txt"), new[] { "stressor" }, names, new[] { "region", "sector" }, rowLabels, f);
            WriteTextTable(Path.Combine(dir, "unit.txt"), new[] { "stressor" }, names, "unit", list.Select(t => t.Unit).ToList());
            WriteParameters(dir, "Extension", group.Key, new Dictionary<string, (int, int)> { ["S"] = (1, 2), ["F"] = (1, 2), ["unit"] = (1, 1) });
        }
    }

    /// <summary>
    /// The (region, category) column of Y for category <paramref name="k"/>: its region of final demand, and its name
    /// without a leading "region/" (pymrio's loader puts it back). A category whose region cannot be told goes under
    /// <paramref name="fallbackRegion"/> with its full name.
    /// </summary>
    private static string[] YColumn(InputOutputTable table, int k, string fallbackRegion)
    {
        string name = table.FinalDemandCategories[k].Name;
        string? region = table.TryFinalDemandRegion(k);
        if (region is null)
        {
            return new[] { fallbackRegion, name };
        }

        return new[] { region, name.StartsWith(region + "/", StringComparison.Ordinal) && name.Length > region.Length + 1 ? name[(region.Length + 1)..] : name };
    }

    private static IEnumerable<Stressor> ReadExtension(string dir, Parameters ext, IReadOnlyList<string[]> sectorKeys, string monetaryUnit, Func<double[]> output)
    {
        int n = sectorKeys.Count;
        Table? s = ext.Files.ContainsKey("S") ? ReadTable(dir, ext, "S") : null;
        Table? f = s is null && ext.Files.ContainsKey("F") ? ReadTable(dir, ext, "F") : null;
        var basis = s ?? f ?? throw new InputOutputDataException($"extension '{ext.Name}' lists neither 'S' nor 'F'. Files listed: {InputOutputDataException.ListNames(ext.Files.Keys)}.", Path.Combine(dir, FileParameters));
        if (basis.ColumnCount != n)
        {
            throw new InputOutputDataException($"has {basis.ColumnCount} sector columns; the core has {n} sectors.", basis.File, 1);
        }

        for (int j = 0; j < n; j++)
        {
            if (!basis.ColumnLabels[j].SequenceEqual(sectorKeys[j]))
            {
                throw new InputOutputDataException($"column {j + 1} is '{string.Join("/", basis.ColumnLabels[j])}', expected sector '{string.Join("/", sectorKeys[j])}' (same order as A).", basis.File, 1, string.Join("/", basis.ColumnLabels[j]));
            }
        }

        double[] intensities = s is not null ? s.Values : DivideColumns(f!.Values, output(), n, f, "F");
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ext.Files.ContainsKey("unit"))
        {
            var unit = ReadTable(dir, ext, "unit", numeric: false);
            for (int k = 0; k < unit.RowLabels.Count; k++)
            {
                units[string.Join("/", unit.RowLabels[k])] = unit.Text[k];
            }
        }

        for (int k = 0; k < basis.RowLabels.Count; k++)
        {
            var labels = basis.RowLabels[k];
            string name = string.Join("/", labels);
            if (!units.TryGetValue(name, out string? unitText))
            {
                throw new InputOutputDataException($"stressor '{name}' of extension '{ext.Name}' has no unit in unit.txt.", Path.Combine(dir, "unit.txt"), rowLabel: name);
            }

            yield return new Stressor(name, unitText, monetaryUnit, intensities.AsSpan(k * n, n).ToArray(), null, ext.Name, labels.Length > 1 ? new[] { labels[0] } : null);
        }
    }

    private static double[] DivideColumns(double[] totals, double[] output, int n, Table source, string what)
    {
        int rows = totals.Length / n;
        var r = new double[totals.Length];
        for (int j = 0; j < n; j++)
        {
            string column = string.Join("/", source.ColumnLabels[j]);
            if (output[j] < 0)
            {
                throw new InputOutputDataException($"output x of '{column}' is negative ({output[j]}); cannot compute {what} / x.", source.File, column: column);
            }

            for (int i = 0; i < rows; i++)
            {
                double v = totals[i * n + j];
                if (output[j] > 0)
                {
                    r[i * n + j] = v / output[j];
                }
                else if (v != 0)
                {
                    throw new InputOutputDataException($"output x of '{column}' is zero but {what} = {v}; {what} / x would divide by zero.", source.File, source.RowLines[i], column, string.Join("/", source.RowLabels[i]));
                }
            }
        }

        return r;
    }

    private static void CheckSquare(Table t)
    {
        if (t.ColumnCount != t.RowLabels.Count)
        {
            throw new InputOutputDataException($"has {t.RowLabels.Count} rows and {t.ColumnCount} columns; it must be square.", t.File, t.RowLines.LastOrDefault());
        }

        for (int j = 0; j < t.ColumnCount; j++)
        {
            if (!t.ColumnLabels[j].SequenceEqual(t.RowLabels[j]))
            {
                throw new InputOutputDataException($"column {j + 1} is '{string.Join("/", t.ColumnLabels[j])}' but row {j + 1} is '{string.Join("/", t.RowLabels[j])}'; rows and columns must list the sectors in the same order.", t.File, t.RowLines[j], string.Join("/", t.ColumnLabels[j]));
            }
        }
    }

    private static void CheckRowsMatch(Table t, IReadOnlyList<string[]> rowKeys, string basisFile)
    {
        if (t.RowLabels.Count != rowKeys.Count)
        {
            throw new InputOutputDataException($"has {t.RowLabels.Count} rows but {Path.GetFileName(basisFile)} has {rowKeys.Count} sectors.", t.File, t.RowLines.LastOrDefault());
        }

        for (int i = 0; i < rowKeys.Count; i++)
        {
            if (!t.RowLabels[i].SequenceEqual(rowKeys[i]))
            {
                throw new InputOutputDataException($"row label '{string.Join("/", t.RowLabels[i])}' does not match sector '{string.Join("/", rowKeys[i])}' of {Path.GetFileName(basisFile)}.", t.File, t.RowLines[i], rowLabel: string.Join("/", t.RowLabels[i]));
            }
        }
    }

    private sealed record Parameters(string SystemType, string? Name, Dictionary<string, (string File, int IndexColumns, int Headers)> Files);

    private sealed class Table
    {
        public required string File { get; init; }

        public required List<string[]> RowLabels { get; init; }

        public required List<int> RowLines { get; init; }

        public required List<string[]> ColumnLabels { get; init; }

        public int ColumnCount => ColumnLabels.Count;

        public double[] Values { get; init; } = Array.Empty<double>();

        public List<string> Text { get; init; } = new();
    }

    private static Parameters ReadParameters(string dir)
    {
        string path = Path.Combine(dir, FileParameters);
        if (!File.Exists(path))
        {
            throw new InputOutputDataException($"no {FileParameters} (the file pymrio's save writes to describe a folder).", path);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InputOutputDataException($"not valid JSON (truncated or corrupt) at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}", path, (int?)(ex.LineNumber + 1), inner: ex);
        }

        string systemType = root?["systemtype"]?.GetValue<string>() ?? throw new InputOutputDataException("no 'systemtype' entry.", path, column: "systemtype");
        string? name = root["name"]?.GetValue<string>();
        var files = new Dictionary<string, (string, int, int)>(StringComparer.Ordinal);
        if (root["files"] is not JsonObject fileObject)
        {
            throw new InputOutputDataException("no 'files' object.", path, column: "files");
        }

        foreach (var (key, value) in fileObject)
        {
            string? fileName = value?["name"]?.GetValue<string>();
            int indexColumns = ReadCount(value?["nr_index_col"], path, key, "nr_index_col");
            int headers = ReadCount(value?["nr_header"], path, key, "nr_header");
            if (fileName is null)
            {
                throw new InputOutputDataException($"entry '{key}' has no 'name'.", path, column: key);
            }

            files[key] = (fileName, indexColumns, headers);
        }

        return new Parameters(systemType, name, files);
    }

    private static int ReadCount(JsonNode? node, string path, string key, string field)
    {
        // pymrio writes the counts as strings ("2"); accept numbers too.
        string? text = node is JsonValue v && v.TryGetValue(out string? s) ? s : node?.ToJsonString();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c >= 1
            ? c
            : throw new InputOutputDataException($"entry '{key}' has no positive count '{field}' (found '{text}').", path, column: key);
    }

    private static Dictionary<string, string> ReadMetadata(string dir)
    {
        string path = Path.Combine(dir, Metadata);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }

        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is JsonObject o)
            {
                foreach (var (k, v) in o)
                {
                    if (v is JsonValue value && value.TryGetValue(out string? s))
                    {
                        result[k] = s;
                    }
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InputOutputDataException($"not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}", path, (int?)(ex.LineNumber + 1), inner: ex);
        }

        return result;
    }

    private static Table ReadTable(string dir, Parameters p, string key, bool numeric = true)
    {
        var (fileName, ni, nh) = p.Files[key];
        string path = Path.Combine(dir, fileName);
        var text = DelimitedText.Read(path, '\t');
        var records = text.Records;
        if (records.Count < nh)
        {
            throw new InputOutputDataException($"has {records.Count} lines but {nh} header lines are declared in {FileParameters}.", path);
        }

        int width = records[0].Fields.Length;
        int columns = width - ni;
        if (columns < 1)
        {
            throw new InputOutputDataException($"the header has {width} fields, not more than the {ni} index columns declared.", path, records[0].Line);
        }

        var columnLabels = Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, nh).Select(h => Field(records[h], ni + c)).ToArray()).ToList();
        int first = nh;
        // With several column levels pandas adds a line of index names whose value cells are all empty.
        if (nh > 1 && first < records.Count && records[first].Fields.Skip(ni).All(f => f.Length == 0))
        {
            first++;
        }

        var rowLabels = new List<string[]>();
        var rowLines = new List<int>();
        var values = new List<double>();
        var texts = new List<string>();
        for (int r = first; r < records.Count; r++)
        {
            var rec = records[r];
            if (rec.Fields.Length != width)
            {
                throw new InputOutputDataException($"has {rec.Fields.Length} fields, the header has {width} ({ni} index columns + {columns} values).", path, rec.Line, rowLabel: rec.Fields[0]);
            }

            var labels = rec.Fields.Take(ni).ToArray();
            string label = string.Join("/", labels);
            rowLabels.Add(labels);
            rowLines.Add(rec.Line);
            for (int c = 0; c < columns; c++)
            {
                if (numeric)
                {
                    values.Add(DelimitedText.ParseNumber(rec.Fields[ni + c], path, rec.Line, string.Join("/", columnLabels[c]), label));
                }
                else
                {
                    texts.Add(rec.Fields[ni + c]);
                }
            }
        }

        return new Table { File = path, RowLabels = rowLabels, RowLines = rowLines, ColumnLabels = columnLabels, Values = values.ToArray(), Text = texts };

        static string Field(TextRecord rec, int k) => k < rec.Fields.Length ? rec.Fields[k] : string.Empty;
    }

    private static void WriteTable(string path, string[] indexNames, IReadOnlyList<string[]> rowLabels, string[] columnNames, IReadOnlyList<string[]> columnLabels, double[] values)
    {
        var sb = new StringBuilder();
        int ni = indexNames.Length;
        int nh = columnNames.Length;
        int m = columnLabels.Count;
        if (nh == 1)
        {
            sb.AppendJoin('\t', indexNames.Concat(columnLabels.Select(c => c[0]))).Append('\n');
        }
        else
        {
            for (int h = 0; h < nh; h++)
            {
                sb.Append(columnNames[h]);
                for (int k = 1; k < ni; k++)
                {
                    sb.Append('\t');
                }

                foreach (var c in columnLabels)
                {
                    sb.Append('\t').Append(c[h]);
                }

                sb.Append('\n');
            }

            sb.AppendJoin('\t', indexNames).Append(new string('\t', m)).Append('\n');
        }

        for (int i = 0; i < rowLabels.Count; i++)
        {
            sb.AppendJoin('\t', rowLabels[i]);
            for (int c = 0; c < m; c++)
            {
                sb.Append('\t').Append(DelimitedText.FormatNumber(values[i * m + c]));
            }

            sb.Append('\n');
        }

        File.WriteAllText(path, sb.ToString());
    }

    private static void WriteTextTable(string path, string[] indexNames, IReadOnlyList<string[]> rowLabels, string column, IReadOnlyList<string> values)
    {
        var sb = new StringBuilder();
        sb.AppendJoin('\t', indexNames).Append('\t').Append(column).Append('\n');
        for (int i = 0; i < rowLabels.Count; i++)
        {
            sb.AppendJoin('\t', rowLabels[i]).Append('\t').Append(values[i]).Append('\n');
        }

        File.WriteAllText(path, sb.ToString());
    }

    private static void WriteParameters(string dir, string systemType, string? name, Dictionary<string, (int IndexColumns, int Headers)> files)
    {
        var filesNode = new JsonObject();
        foreach (var (key, (ni, nh)) in files)
        {
            filesNode[key] = new JsonObject
            {
                ["name"] = key + ".txt",
                ["nr_index_col"] = ni.ToString(CultureInfo.InvariantCulture),
                ["nr_header"] = nh.ToString(CultureInfo.InvariantCulture),
            };
        }

        var root = new JsonObject { ["files"] = filesNode, ["systemtype"] = systemType };
        if (name is not null)
        {
            root["name"] = name;
        }

        File.WriteAllText(Path.Combine(dir, FileParameters), root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
