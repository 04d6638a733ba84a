namespace LieInter.Economics;

/// <summary>
/// WIOD Socio-Economic Accounts as CSV (one row per country, industry code and year; columns country, code, year and
/// the variables EMP, EMPE, H_EMPE, GO, VA, ...). EMP is persons engaged in thousands.
/// </summary>
public sealed class WiodSocioEconomicAccounts
{
    private readonly Dictionary<(string Country, int Year), Dictionary<string, double[]>> _rows;
    private readonly string[] _variables;

    private WiodSocioEconomicAccounts(string path, string[] variables, Dictionary<(string, int), Dictionary<string, double[]>> rows)
    {
        Path = path;
        _variables = variables;
        _rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string> Variables => _variables;

    public IReadOnlyList<string> Countries => _rows.Keys.Select(k => k.Country).Distinct().Order().ToList();

    public static WiodSocioEconomicAccounts Load(string path)
    {
        var text = DelimitedText.Read(path, ',');
        if (text.Records.Count == 0)
        {
            throw new InputOutputDataException("the file is empty.", path);
        }

        var header = text.Records[0].Fields;
        int Col(string name)
        {
            int c = Array.IndexOf(header, name);
            return c >= 0 ? c : throw new InputOutputDataException($"no column '{name}'. Columns: {InputOutputDataException.ListNames(header)}.", path, text.Records[0].Line, name);
        }

        int countryCol = Col("country"), codeCol = Col("code"), yearCol = Col("year");
        var variableCols = Enumerable.Range(0, header.Length).Where(c => c != countryCol && c != codeCol && c != yearCol).ToArray();
        var variables = variableCols.Select(c => header[c]).ToArray();
        var rows = new Dictionary<(string, int), Dictionary<string, double[]>>();
        foreach (var r in text.Records.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line);
            }

            int year = (int)DelimitedText.ParseNumber(r.Fields[yearCol], path, r.Line, "year", null);
            var key = (r.Fields[countryCol], year);
            if (!rows.TryGetValue(key, out var byCode))
            {
                rows[key] = byCode = new Dictionary<string, double[]>(StringComparer.Ordinal);
            }

            string code = r.Fields[codeCol];
            // Missing values (NA) are kept as NaN and only become an error if someone asks for them.
            byCode[code] = variableCols.Select(c => DelimitedText.ParseNumber(r.Fields[c], path, r.Line, header[c], code, missingAs: double.NaN)).ToArray();
        }

        return new WiodSocioEconomicAccounts(path, variables, rows);
    }

    /// <summary>One variable for the given industry codes, in that order.</summary>
    public double[] Values(string country, int year, string variable, IReadOnlyList<string> codes)
    {
        int v = Array.IndexOf(_variables, variable);
        if (v < 0)
        {
            throw new InputOutputDataException($"no variable '{variable}'. Variables: {InputOutputDataException.ListNames(_variables)}.", Path, column: variable);
        }

        if (!_rows.TryGetValue((country, year), out var byCode))
        {
            throw new InputOutputDataException($"no rows for country '{country}' and year {year}. Countries: {InputOutputDataException.ListNames(Countries)}; years: {string.Join(", ", _rows.Keys.Where(k => k.Country == country).Select(k => k.Year).Order())}.", Path);
        }

        var r = new double[codes.Count];
        for (int i = 0; i < r.Length; i++)
        {
            if (!byCode.TryGetValue(codes[i], out var values))
            {
                throw new InputOutputDataException($"{country} {year}: no row for industry '{codes[i]}'. Codes present: {InputOutputDataException.ListNames(byCode.Keys)}.", Path, rowLabel: codes[i]);
            }

            r[i] = double.IsNaN(values[v])
                ? throw new InputOutputDataException($"{country} {year}: {variable} of industry '{codes[i]}' is missing (NA).", Path, column: variable, rowLabel: codes[i])
                : values[v];
        }

        return r;
    }
}
