using System.Globalization;

namespace LieInter.Economics.Rebound;

/// <summary>Reads per-product own-price elasticities of final demand from a CSV with a header
/// <c>code,elasticity</c> (more columns, such as a source, are kept out of the way).</summary>
public static class ReboundElasticities
{
    public static IReadOnlyDictionary<string, double> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputOutputDataException("file not found.", path);
        }

        var rows = DelimitedText.Read(path, ',').Records;
        if (rows.Count == 0)
        {
            throw new InputOutputDataException("the file is empty; expected a header 'code,elasticity'.", path);
        }

        var header = rows[0].Fields;
        int code = Array.IndexOf(header, "code"), value = Array.IndexOf(header, "elasticity");
        if (code < 0 || value < 0)
        {
            throw new InputOutputDataException($"expected columns 'code' and 'elasticity'; header is {InputOutputDataException.ListNames(header)}.", path, rows[0].Line);
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in rows.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line);
            }

            string text = r.Fields[value];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double e) || !double.IsFinite(e) || e < 0)
            {
                throw new InputOutputDataException($"elasticity '{text}' is not a finite number >= 0 (demand falls as its price rises).", path, r.Line, "elasticity");
            }

            result[r.Fields[code]] = e;
        }

        DuplicateLabels.Reject(rows.Skip(1).Select(r => (r.Fields[code], r.Line)), path, "sector code", "code");
        return result;
    }
}
