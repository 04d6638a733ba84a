using System.Globalization;
using System.Text.Json;

namespace LieInter.Economics;

/// <summary>
/// A USEEIO model exported as JSON (the USEEIO_API format written by useeior's writeModeltoJSON): sectors.json,
/// indicators.json, demands.json with demands/&lt;id&gt;.json, and matrix/A.json, A_d.json, D.json, q.json, x.json.
/// A[i][j] is dollars of commodity i per dollar of output of j; D[k][j] is indicator k per dollar of output of j
/// (GHG in kg CO2 eq, JOBS in jobs). Stressors are the rows of D, named by indicator code.
/// </summary>
public sealed class UseeioModel
{
    private UseeioModel(string folder, IReadOnlyList<Sector> sectors, IReadOnlyList<string> sectorIds, IReadOnlyList<UseeioIndicator> indicators, IReadOnlyList<UseeioDemand> demands)
    {
        Folder = folder;
        Sectors = sectors;
        SectorIds = sectorIds;
        Indicators = indicators;
        Demands = demands;
    }

    public string Folder { get; }

    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Folder));

    public IReadOnlyList<Sector> Sectors { get; }

    /// <summary>Sector ids as used by demand files ("1111A0/US").</summary>
    public IReadOnlyList<string> SectorIds { get; }

    public IReadOnlyList<UseeioIndicator> Indicators { get; }

    public IReadOnlyList<UseeioDemand> Demands { get; }

    /// <summary>Reads the model's metadata (sectors, indicators, demand list). Matrices are read by <see cref="Table"/>.</summary>
    public static UseeioModel Open(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputOutputDataException("model folder not found.", folder);
        }

        string sectorsPath = System.IO.Path.Combine(folder, "sectors.json");
        var sectorsDoc = ParseJson(sectorsPath);
        var sectorArray = ExpectArray(sectorsDoc.RootElement, sectorsPath, "the sector list");
        int n = sectorArray.Count;
        var sectors = new Sector[n];
        var ids = new string[n];
        for (int k = 0; k < n; k++)
        {
            var e = sectorArray[k];
            int index = GetInt(e, "index", sectorsPath, k);
            if (index < 0 || index >= n || sectors[index] is not null)
            {
                throw new InputOutputDataException($"sector index {index} is out of range 0..{n - 1} or used twice.", sectorsPath, k + 1, "index");
            }

            ids[index] = GetString(e, "id", sectorsPath, k);
            sectors[index] = new Sector(GetString(e, "code", sectorsPath, k), GetString(e, "name", sectorsPath, k), GetString(e, "location", sectorsPath, k));
        }

        DuplicateLabels.Reject(Enumerable.Range(0, n).Select(k => (sectorArray[k].TryGetProperty("id", out var id) ? id.GetString() ?? string.Empty : string.Empty, k + 1)), sectorsPath, "sector id", "id", "element");

        string indicatorsPath = System.IO.Path.Combine(folder, "indicators.json");
        var indicatorDoc = ParseJson(indicatorsPath);
        var indicatorArray = ExpectArray(indicatorDoc.RootElement, indicatorsPath, "the indicator list");
        var indicators = indicatorArray.Select((e, k) => new UseeioIndicator(
            GetString(e, "code", indicatorsPath, k), GetString(e, "name", indicatorsPath, k), GetString(e, "unit", indicatorsPath, k),
            e.TryGetProperty("group", out var g) ? g.GetString() ?? string.Empty : string.Empty, GetInt(e, "index", indicatorsPath, k))).OrderBy(i => i.Index).ToList();
        for (int k = 0; k < indicators.Count; k++)
        {
            if (indicators[k].Index != k)
            {
                throw new InputOutputDataException($"indicator indices must be 0..{indicators.Count - 1}; found {indicators[k].Index} for '{indicators[k].Code}'.", indicatorsPath, column: "index", rowLabel: indicators[k].Code);
            }
        }

        string demandsPath = System.IO.Path.Combine(folder, "demands.json");
        var demandDoc = ParseJson(demandsPath);
        var demands = ExpectArray(demandDoc.RootElement, demandsPath, "the demand list").Select((e, k) => new UseeioDemand(
            GetString(e, "id", demandsPath, k), GetInt(e, "year", demandsPath, k), GetString(e, "type", demandsPath, k),
            GetString(e, "system", demandsPath, k), e.TryGetProperty("location", out var l) ? l.GetString() ?? string.Empty : string.Empty)).ToList();
        return new UseeioModel(folder, sectors, ids, indicators, demands);
    }

    /// <summary>Shorthand for <c>Open(folder).Table(options)</c>.</summary>
    public static InputOutputTable Load(string folder, UseeioLoadOptions? options = null) => Open(folder).Table(options);

    /// <summary>The model as a table: A (or A_d), y = sum of the chosen demand vectors, q as reported output if present, D rows as stressors.</summary>
    public InputOutputTable Table(UseeioLoadOptions? options = null)
    {
        options ??= new UseeioLoadOptions();
        int n = Sectors.Count;
        string matrixDir = System.IO.Path.Combine(Folder, "matrix");
        string aPath = System.IO.Path.Combine(matrixDir, options.Domestic ? "A_d.json" : "A.json");
        var a = ReadMatrix(aPath, n, n, "A");
        string dPath = System.IO.Path.Combine(matrixDir, "D.json");
        var d = ReadMatrix(dPath, Indicators.Count, n, "D");
        string qPath = System.IO.Path.Combine(matrixDir, "q.json");
        double[]? q = File.Exists(qPath) ? ReadMatrix(qPath, n, 1, "q") : null;

        var chosen = ChooseDemands(options);
        var y = new double[n];
        var categories = new List<FinalDemandCategory>();
        foreach (var demand in chosen)
        {
            var v = ReadDemand(demand.Id);
            for (int i = 0; i < n; i++)
            {
                y[i] += v[i];
            }

            categories.Add(new FinalDemandCategory(demand.Id, v));
        }

        int year = chosen[0].Year;
        string unit = "USD";
        var stressors = Indicators.Select(ind => new Stressor(
            ind.Code, ind.Unit, unit, d.AsSpan(ind.Index * n, n).ToArray(), ind.Name, ind.Group, new[] { ind.Name })).ToList();
        var regions = Sectors.Select(s => s.Region).Distinct().ToList();
        var notes = new List<string>
        {
            $"{(options.Domestic ? "A_d (domestic)" : "A (total)")} with demand {string.Join(" + ", chosen.Select(c => c.Id))}",
            "stressors are the rows of D (direct impacts per USD of output), named by indicator code",
        };
        if (q is not null && q.Any(v => v < 0))
        {
            notes.Add($"negative reported output (an accounting artefact, not an error): {string.Join(", ", Enumerable.Range(0, n).Where(i => q[i] < 0).Select(i => $"{Sectors[i].Code} {q[i].ToString("G6", CultureInfo.InvariantCulture)}"))}");
        }

        if (q is null)
        {
            notes.Add("no q.json: output is solved from A and y");
        }

        return new InputOutputTable(
            $"{Name} ({year})", string.Join(" + ", regions), year, Sectors, a, y, unit, $"{year} USD, producer prices", stressors, categories, q, Folder, notes);
    }

    /// <summary>
    /// An output vector from matrix/: "q" (commodity output, the table's reported output) or "x" (industry output);
    /// null when the model does not ship it (v1.2 ships neither).
    /// </summary>
    public double[]? ReadOutputVector(string name)
    {
        if (name is not ("q" or "x"))
        {
            throw new ArgumentException($"USEEIO output vectors are 'q' (commodity) and 'x' (industry), not '{name}'.", nameof(name));
        }

        string path = System.IO.Path.Combine(Folder, "matrix", name + ".json");
        return File.Exists(path) ? ReadMatrix(path, Sectors.Count, 1, name) : null;
    }

    /// <summary>One demand vector by id, in sector order (sectors missing from the file are 0).</summary>
    public double[] ReadDemand(string id)
    {
        if (!Demands.Any(dm => dm.Id == id))
        {
            throw new InputOutputDataException($"no demand vector '{id}'. Available: {InputOutputDataException.ListNames(Demands.Select(dm => dm.Id))}.", System.IO.Path.Combine(Folder, "demands.json"));
        }

        string path = System.IO.Path.Combine(Folder, "demands", id + ".json");
        var doc = ParseJson(path);
        var entries = ExpectArray(doc.RootElement, path, "the demand vector");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var indexIgnoreCase = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < SectorIds.Count; i++)
        {
            index[SectorIds[i]] = i;
            indexIgnoreCase.TryAdd(SectorIds[i], i);
        }

        var y = new double[Sectors.Count];
        var seen = new bool[Sectors.Count];
        for (int k = 0; k < entries.Count; k++)
        {
            string sector = GetString(entries[k], "sector", path, k);
            if (!index.TryGetValue(sector, out int i) && !indexIgnoreCase.TryGetValue(sector, out i))
            {
                throw new InputOutputDataException($"sector '{sector}' is not in sectors.json.", path, k + 1, "sector");
            }

            if (seen[i])
            {
                throw new InputOutputDataException($"sector '{sector}' appears twice.", path, k + 1, "sector");
            }

            seen[i] = true;
            y[i] = GetDouble(entries[k], "amount", path, k);
        }

        return y;
    }

    private List<UseeioDemand> ChooseDemands(UseeioLoadOptions options)
    {
        string demandsPath = System.IO.Path.Combine(Folder, "demands.json");
        if (options.DemandIds is { Count: > 0 } ids)
        {
            return ids.Select(id => Demands.FirstOrDefault(dm => dm.Id == id)
                ?? throw new InputOutputDataException($"no demand vector '{id}'. Available: {InputOutputDataException.ListNames(Demands.Select(dm => dm.Id))}.", demandsPath)).ToList();
        }

        var chosen = Demands.Where(dm => dm.Type == "Production" && (dm.System == "Domestic") == options.Domestic).ToList();
        if (chosen.Count == 0)
        {
            throw new InputOutputDataException($"no {(options.Domestic ? "domestic" : "complete")} Production demand vector. Available: {InputOutputDataException.ListNames(Demands.Select(dm => $"{dm.Id} ({dm.Type}, {dm.System})"))}.", demandsPath);
        }

        return chosen;
    }

    /// <summary>Reads a row-major JSON matrix (a list of rows) of known shape with a streaming reader.</summary>
    internal static double[] ReadMatrix(string path, int rows, int columns, string what)
    {
        if (!File.Exists(path))
        {
            throw new InputOutputDataException($"matrix file for {what} not found.", path);
        }

        byte[] bytes = File.ReadAllBytes(path);
        var result = new double[rows * columns];
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        int row = 0;
        try
        {
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InputOutputDataException($"{what} must be a JSON array of rows; found {reader.TokenType}.", path, 1);
            }

            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new InputOutputDataException($"{what} row {row + 1} is not an array (found {reader.TokenType}).", path, row + 1);
                }

                if (row >= rows)
                {
                    throw new InputOutputDataException($"{what} has more than {rows} rows; expected {rows} x {columns}.", path, row + 1);
                }

                int col = 0;
                while (true)
                {
                    Next(ref reader);
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double value))
                    {
                        string found = reader.TokenType == JsonTokenType.String ? $"string \"{reader.GetString()}\"" : reader.TokenType.ToString();
                        throw new InputOutputDataException($"{what}[{row + 1}][{col + 1}] is not a number (found {found}).", path, row + 1, (col + 1).ToString(CultureInfo.InvariantCulture));
                    }

                    if (!double.IsFinite(value))
                    {
                        throw new InputOutputDataException($"{what}[{row + 1}][{col + 1}] = {value} is not finite.", path, row + 1, (col + 1).ToString(CultureInfo.InvariantCulture));
                    }

                    if (col < columns)
                    {
                        result[row * columns + col] = value;
                    }

                    col++;
                }

                if (col != columns)
                {
                    throw new InputOutputDataException($"{what} row {row + 1} has {col} entries, expected {columns}{(what is "A" ? " (A must be square)" : string.Empty)}.", path, row + 1);
                }

                row++;
            }
        }
        catch (JsonException ex)
        {
            long line = ex.LineNumber ?? bytes.AsSpan(0, (int)Math.Min(reader.BytesConsumed, bytes.Length)).Count((byte)'\n');
            throw new InputOutputDataException($"{what} is not valid JSON (truncated or corrupt) at line {line + 1} of the file, in matrix row {row + 1}: {ex.Message}", path, row + 1, inner: ex);
        }

        if (row != rows)
        {
            throw new InputOutputDataException($"{what} has {row} rows, expected {rows} x {columns}{(what is "A" ? " (A must be square)" : string.Empty)}.", path, row);
        }

        return result;

        static void Next(ref Utf8JsonReader r)
        {
            if (!r.Read())
            {
                throw new JsonException("unexpected end of data");
            }
        }
    }

    private static JsonDocument ParseJson(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputOutputDataException("file not found.", path);
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InputOutputDataException($"not valid JSON (truncated or corrupt) at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}", path, (int?)(ex.LineNumber + 1), inner: ex);
        }
    }

    private static List<JsonElement> ExpectArray(JsonElement e, string path, string what) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().ToList()
        : throw new InputOutputDataException($"{what} must be a JSON array; found {e.ValueKind}.", path);

    private static string GetString(JsonElement e, string property, string path, int element) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()!
            : throw new InputOutputDataException($"element {element + 1} has no string property '{property}'.", path, element + 1, property);

    private static int GetInt(JsonElement e, string property, string path, int element) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out int v)
            ? v
            : throw new InputOutputDataException($"element {element + 1} has no integer property '{property}'.", path, element + 1, property);

    private static double GetDouble(JsonElement e, string property, string path, int element) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out double v) && double.IsFinite(v)
            ? v
            : throw new InputOutputDataException($"element {element + 1} has no finite number '{property}'.", path, element + 1, property);
}
