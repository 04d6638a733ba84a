using System.Globalization;
using System.Text;

namespace LieInter.Economics;

/// <summary>
/// The project's own plain CSV layout for one EEIO table (documented in docs/data.md). One folder holds:
/// <list type="bullet">
/// <item><c>metadata.csv</c>: "key,value" rows; keys name, region, year, monetary_unit (required), price_basis, description.</item>
/// <item><c>sectors.csv</c>: "code,name[,region]", one row per sector, in matrix order.</item>
/// <item><c>A.csv</c>: header "code,&lt;code1&gt;,...,&lt;coden&gt;", then one row per supplying sector: A[i, j] = input from i
/// per unit of output of j. Or, instead, <c>Z.csv</c> (same shape, flows) with <c>x.csv</c>; then A = Z / x.</item>
/// <item><c>y.csv</c>: "code,&lt;category&gt;[,&lt;category&gt;...]"; y is the sum of the categories. A column named
/// "total" is y itself, and the other columns must add up to it.</item>
/// <item><c>x.csv</c> (optional with A): "code,x", reported gross output.</item>
/// <item><c>stressors.csv</c> (optional): "name,unit,kind[,description],&lt;code1&gt;,...,&lt;coden&gt;"; kind is
/// "intensity" (amount per unit of output) or "total" (amount by sector; divided by x).</item>
/// </list>
/// Fields may be quoted (RFC 4180). Rows and columns are matched to sectors.csv by code, in order.
/// </summary>
public static class EeioCsvFolder
{
    public static InputOutputTable Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputOutputDataException("folder not found.", folder);
        }

        var meta = ReadMetadata(Path.Combine(folder, "metadata.csv"));
        string metaPath = Path.Combine(folder, "metadata.csv");
        string monetaryUnit = meta.TryGetValue("monetary_unit", out var mu) && mu.Length > 0
            ? mu
            : throw new InputOutputDataException($"no 'monetary_unit' key. Keys present: {InputOutputDataException.ListNames(meta.Keys)}.", metaPath, column: "monetary_unit");
        string region = meta.GetValueOrDefault("region", string.Empty);
        int? year = meta.TryGetValue("year", out var ys) && ys.Length > 0
            ? int.TryParse(ys, NumberStyles.Integer, CultureInfo.InvariantCulture, out int yv) ? yv : throw new InputOutputDataException($"year '{ys}' is not an integer.", metaPath, column: "year")
            : null;

        var sectors = ReadSectors(Path.Combine(folder, "sectors.csv"), region);
        var codes = sectors.Select(s => s.Code).ToList();
        int n = sectors.Count;
        string xPath = Path.Combine(folder, "x.csv");
        double[]? x = File.Exists(xPath) ? ReadVector(xPath, codes, "x") : null;
        string aPath = Path.Combine(folder, "A.csv");
        string zPath = Path.Combine(folder, "Z.csv");
        double[] a;
        if (File.Exists(aPath))
        {
            a = WiodDerivedCountry.ReadSquareMatrix(aPath, codes);
        }
        else if (File.Exists(zPath))
        {
            var z = WiodDerivedCountry.ReadSquareMatrix(zPath, codes);
            if (x is null)
            {
                throw new InputOutputDataException("Z.csv needs x.csv to compute A = Z / x, and there is no x.csv.", folder);
            }

            a = new double[n * n];
            for (int j = 0; j < n; j++)
            {
                if (x[j] < 0)
                {
                    throw new InputOutputDataException($"output of '{codes[j]}' is negative ({x[j]}); cannot compute A = Z / x.", xPath, j + 2, "x", codes[j]);
                }

                for (int i = 0; i < n; i++)
                {
                    double v = z[i * n + j];
                    if (x[j] > 0)
                    {
                        a[i * n + j] = v / x[j];
                    }
                    else if (v != 0)
                    {
                        throw new InputOutputDataException($"output of '{codes[j]}' is zero (x.csv line {j + 2}) but Z[{codes[i]}, {codes[j]}] = {v}; A = Z / x would divide by zero.", zPath, i + 2, codes[j], codes[i]);
                    }
                }
            }
        }
        else
        {
            throw new InputOutputDataException("neither A.csv nor Z.csv is present.", folder);
        }

        var (y, categories) = ReadDemand(Path.Combine(folder, "y.csv"), codes);
        var stressorsPath = Path.Combine(folder, "stressors.csv");
        var stressors = File.Exists(stressorsPath) ? ReadStressors(stressorsPath, codes, monetaryUnit, x, folder) : new List<Stressor>();
        var notes = meta.TryGetValue("description", out var d) && d.Length > 0 ? new[] { d } : Array.Empty<string>();
        return new InputOutputTable(
            meta.GetValueOrDefault("name", Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))), region, year, sectors, a, y, monetaryUnit,
            meta.GetValueOrDefault("price_basis", "unspecified"), stressors, categories, x, folder, notes);
    }

    /// <summary>The files a folder in this layout may hold.</summary>
    private static readonly string[] LayoutFiles = { "metadata.csv", "sectors.csv", "A.csv", "Z.csv", "x.csv", "y.csv", "stressors.csv" };

    /// <summary>
    /// Writes a table in this layout (A.csv, y.csv by category, x.csv when output is reported, intensities). The
    /// folder is replaced as a whole, so no file of an earlier save stays behind; a folder that holds anything other
    /// than this layout's files is refused.
    /// </summary>
    public static void Save(InputOutputTable table, string folder) => TableFolder.Replace(folder, "EEIO CSV", ForeignEntry, staging => Write(table, staging));

    private static string? ForeignEntry(string folder)
    {
        var entries = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (entries.Count > 0 && !entries.Contains("metadata.csv"))
        {
            return entries[0];
        }

        return entries.FirstOrDefault(e => !LayoutFiles.Contains(e) || Directory.Exists(Path.Combine(folder, e)));
    }

    private static void Write(InputOutputTable table, string folder)
    {
        const char d = ',';
        string Q(string s) => DelimitedText.Quote(s, d);
        string F(double v) => DelimitedText.FormatNumber(v);
        var codes = table.Sectors.Select(s => s.Code).ToList();
        int n = codes.Count;

        var meta = new StringBuilder("key,value\n");
        meta.Append("name,").Append(Q(table.Name)).Append('\n');
        meta.Append("region,").Append(Q(table.Region)).Append('\n');
        if (table.Year is int year)
        {
            meta.Append("year,").Append(year.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        meta.Append("monetary_unit,").Append(Q(table.MonetaryUnit)).Append('\n');
        meta.Append("price_basis,").Append(Q(table.PriceBasis)).Append('\n');
        meta.Append("description,").Append(Q($"saved from {table.Source}")).Append('\n');
        File.WriteAllText(Path.Combine(folder, "metadata.csv"), meta.ToString());

        var sectors = new StringBuilder("code,name,region\n");
        foreach (var s in table.Sectors)
        {
            sectors.Append(Q(s.Code)).Append(d).Append(Q(s.Name)).Append(d).Append(Q(s.Region)).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "sectors.csv"), sectors.ToString());

        var a = new StringBuilder("code");
        foreach (var c in codes)
        {
            a.Append(d).Append(Q(c));
        }

        a.Append('\n');
        for (int i = 0; i < n; i++)
        {
            a.Append(Q(codes[i]));
            for (int j = 0; j < n; j++)
            {
                a.Append(d).Append(F(table.Coefficient(i, j)));
            }

            a.Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "A.csv"), a.ToString());

        var cats = table.FinalDemandCategories.Count > 0
            ? table.FinalDemandCategories.Select(c => (c.Name, c.ToArray())).ToList()
            : new List<(string, double[])> { ("total", table.FinalDemand.ToArray()) };
        var y = new StringBuilder("code");
        foreach (var (name, _) in cats)
        {
            y.Append(d).Append(Q(name));
        }

        y.Append('\n');
        for (int i = 0; i < n; i++)
        {
            y.Append(Q(codes[i]));
            foreach (var (_, v) in cats)
            {
                y.Append(d).Append(F(v[i]));
            }

            y.Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "y.csv"), y.ToString());

        if (table.HasReportedOutput)
        {
            var x = new StringBuilder("code,x\n");
            for (int i = 0; i < n; i++)
            {
                x.Append(Q(codes[i])).Append(d).Append(F(table.ReportedOutput[i])).Append('\n');
            }

            File.WriteAllText(Path.Combine(folder, "x.csv"), x.ToString());
        }

        if (table.Stressors.Count > 0)
        {
            var s = new StringBuilder("name,unit,kind,description");
            foreach (var c in codes)
            {
                s.Append(d).Append(Q(c));
            }

            s.Append('\n');
            foreach (var st in table.Stressors)
            {
                s.Append(Q(st.Name)).Append(d).Append(Q(st.Unit)).Append(",intensity,").Append(Q(st.Description ?? string.Empty));
                foreach (double v in st.Intensity)
                {
                    s.Append(d).Append(F(v));
                }

                s.Append('\n');
            }

            File.WriteAllText(Path.Combine(folder, "stressors.csv"), s.ToString());
        }
    }

    private static Dictionary<string, string> ReadMetadata(string path)
    {
        var text = DelimitedText.Read(path, ',');
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in text.Records.Skip(1))
        {
            if (r.Fields.Length != 2)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields; metadata rows are 'key,value'.", path, r.Line);
            }

            result[r.Fields[0]] = r.Fields[1];
        }

        return result;
    }

    private static List<Sector> ReadSectors(string path, string defaultRegion)
    {
        var text = DelimitedText.Read(path, ',');
        if (text.Records.Count < 2)
        {
            throw new InputOutputDataException("needs a header 'code,name[,region]' and at least one sector.", path);
        }

        var header = text.Records[0].Fields;
        if (header.Length < 2 || header[0] != "code" || header[1] != "name" || (header.Length == 3 && header[2] != "region") || header.Length > 3)
        {
            throw new InputOutputDataException($"header must be 'code,name' or 'code,name,region'; found '{string.Join(",", header)}'.", path, text.Records[0].Line);
        }

        var sectors = new List<Sector>();
        foreach (var r in text.Records.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line);
            }

            sectors.Add(new Sector(r.Fields[0], r.Fields[1], header.Length == 3 && r.Fields[2].Length > 0 ? r.Fields[2] : defaultRegion));
        }

        // With a region column, region and code together name a sector, as in InputOutputTable.
        bool regional = header.Length == 3;
        DuplicateLabels.Reject(sectors.Select((s, k) => (regional ? s.Key : s.Code, text.Records[k + 1].Line)), path, "sector", "code");
        return sectors;
    }

    private static double[] ReadVector(string path, IReadOnlyList<string> codes, string column)
    {
        var text = DelimitedText.Read(path, ',');
        var rows = text.Records;
        if (rows.Count == 0 || rows[0].Fields.Length != 2)
        {
            throw new InputOutputDataException($"header must be 'code,{column}'.", path, rows.Count > 0 ? rows[0].Line : null);
        }

        if (rows.Count - 1 != codes.Count)
        {
            throw new InputOutputDataException($"has {rows.Count - 1} rows; there are {codes.Count} sectors.", path, rows[^1].Line);
        }

        var v = new double[codes.Count];
        for (int i = 0; i < codes.Count; i++)
        {
            var r = rows[i + 1];
            if (r.Fields.Length != 2 || r.Fields[0] != codes[i])
            {
                throw new InputOutputDataException($"expected 'code,{column}' for sector '{codes[i]}', found '{string.Join(",", r.Fields)}'.", path, r.Line, rowLabel: codes[i]);
            }

            v[i] = DelimitedText.ParseNumber(r.Fields[1], path, r.Line, column, codes[i]);
        }

        return v;
    }

    private static (double[] Total, List<FinalDemandCategory> Categories) ReadDemand(string path, IReadOnlyList<string> codes)
    {
        var text = DelimitedText.Read(path, ',');
        var rows = text.Records;
        int n = codes.Count;
        if (rows.Count == 0 || rows[0].Fields.Length < 2 || rows[0].Fields[0] != "code")
        {
            throw new InputOutputDataException("header must be 'code,<category>[,<category>...]'.", path, rows.Count > 0 ? rows[0].Line : null);
        }

        var header = rows[0].Fields;
        if (rows.Count - 1 != n)
        {
            throw new InputOutputDataException($"has {rows.Count - 1} rows; there are {n} sectors (y must have one entry per sector).", path, rows[^1].Line);
        }

        int totalCol = Array.IndexOf(header, "total");
        var values = new double[header.Length - 1][];
        for (int c = 0; c < values.Length; c++)
        {
            values[c] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            var r = rows[i + 1];
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line, rowLabel: r.Fields[0]);
            }

            if (r.Fields[0] != codes[i])
            {
                throw new InputOutputDataException($"row label is '{r.Fields[0]}', expected sector '{codes[i]}'.", path, r.Line, rowLabel: r.Fields[0]);
            }

            for (int c = 1; c < header.Length; c++)
            {
                values[c - 1][i] = DelimitedText.ParseNumber(r.Fields[c], path, r.Line, header[c], codes[i]);
            }
        }

        var categories = Enumerable.Range(1, header.Length - 1).Where(c => c != totalCol).Select(c => new FinalDemandCategory(header[c], values[c - 1])).ToList();
        double[] y;
        if (totalCol > 0)
        {
            y = values[totalCol - 1];
            if (categories.Count > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    double s = categories.Sum(c => c.Values[i]);
                    if (Math.Abs(s - y[i]) > 1e-9 * Math.Max(1, Math.Abs(y[i])))
                    {
                        throw new InputOutputDataException($"categories add up to {s} but 'total' is {y[i]}.", path, rows[i + 1].Line, "total", codes[i]);
                    }
                }
            }
        }
        else
        {
            y = new double[n];
            foreach (var c in categories)
            {
                for (int i = 0; i < n; i++)
                {
                    y[i] += c.Values[i];
                }
            }
        }

        return (y, categories);
    }

    private static List<Stressor> ReadStressors(string path, IReadOnlyList<string> codes, string monetaryUnit, double[]? x, string folder)
    {
        var text = DelimitedText.Read(path, ',');
        var rows = text.Records;
        int n = codes.Count;
        if (rows.Count == 0)
        {
            throw new InputOutputDataException("the file is empty.", path);
        }

        var header = rows[0].Fields;
        if (header.Length < 3 || header[0] != "name" || header[1] != "unit" || header[2] != "kind")
        {
            throw new InputOutputDataException("header must start with 'name,unit,kind'.", path, rows[0].Line);
        }

        int first = header.Length > 3 && header[3] == "description" ? 4 : 3;
        if (header.Length - first != n)
        {
            throw new InputOutputDataException($"has {header.Length - first} sector columns; there are {n} sectors.", path, rows[0].Line);
        }

        for (int j = 0; j < n; j++)
        {
            if (header[first + j] != codes[j])
            {
                throw new InputOutputDataException($"column '{header[first + j]}' should be sector '{codes[j]}' (same order as sectors.csv).", path, rows[0].Line, header[first + j]);
            }
        }

        var result = new List<Stressor>();
        foreach (var r in rows.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line, rowLabel: r.Fields[0]);
            }

            string name = r.Fields[0];
            var v = new double[n];
            for (int j = 0; j < n; j++)
            {
                v[j] = DelimitedText.ParseNumber(r.Fields[first + j], path, r.Line, codes[j], name);
            }

            string kind = r.Fields[2];
            if (kind == "total")
            {
                if (x is null)
                {
                    throw new InputOutputDataException($"stressor '{name}' is given as totals, which need x.csv to become intensities; there is no x.csv.", path, r.Line, "kind", name);
                }

                for (int j = 0; j < n; j++)
                {
                    if (x[j] > 0)
                    {
                        v[j] /= x[j];
                    }
                    else if (x[j] < 0 || v[j] != 0)
                    {
                        throw new InputOutputDataException($"output of '{codes[j]}' is {x[j]} but the total is {v[j]}; dividing by it is undefined.", path, r.Line, codes[j], name);
                    }
                }
            }
            else if (kind != "intensity")
            {
                throw new InputOutputDataException($"kind is '{kind}'; expected 'intensity' or 'total'.", path, r.Line, "kind", name);
            }

            result.Add(new Stressor(name, r.Fields[1], monetaryUnit, v, first == 4 && r.Fields[3].Length > 0 ? r.Fields[3] : null));
        }

        return result;
    }
}
