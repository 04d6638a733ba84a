using System.Globalization;

namespace LieInter.Economics;

/// <summary>Characterisation of greenhouse-gas stressor rows into CO2 equivalents with explicit GWP factors.</summary>
public static class GhgCharacterisation
{
    /// <summary>
    /// Sum over rows of GWP(gas) times the row, each converted to the mass unit of the first row, so that the result
    /// is in "(mass unit) CO2-eq" per the rows' common output unit. The description prints every factor and the source.
    /// </summary>
    public static Stressor Characterise(GwpFactors gwp, IEnumerable<(Stressor Row, string Gas)> rows, string resultName = "GHG", string? source = null)
    {
        ArgumentNullException.ThrowIfNull(gwp);
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("Name at least one stressor row to characterise.", nameof(rows));
        }

        int n = list[0].Row.Length;
        string outputUnit = list[0].Row.OutputUnit;
        var result = new double[n];
        double targetKg = 0;
        string targetToken = string.Empty;
        var terms = new List<string>();
        foreach (var (s, gas) in list)
        {
            double factor = gwp[gas];
            if (!MassUnit.TryParse(s.Unit, out double kg, out string token))
            {
                throw new InputOutputDataException($"stressor '{s.Name}' has unit '{s.Unit}', which is not a mass unit; GWP factors apply to masses of gas.", source, rowLabel: s.Name);
            }

            if (s.Length != n || s.OutputUnit != outputUnit)
            {
                throw new InputOutputDataException($"stressor '{s.Name}' ({s.Length} sectors, per {s.OutputUnit}) does not match '{list[0].Row.Name}' ({n} sectors, per {outputUnit}).", source, rowLabel: s.Name);
            }

            if (terms.Count == 0)
            {
                targetKg = kg;
                targetToken = token;
            }

            double scale = factor * kg / targetKg;
            var intensity = s.Intensity;
            for (int j = 0; j < n; j++)
            {
                result[j] += scale * intensity[j];
            }

            terms.Add($"{factor.ToString("G6", CultureInfo.InvariantCulture)} x {s.Name} [{s.Unit}] as {gas}");
        }

        return new Stressor(resultName, $"{targetToken} CO2-eq", outputUnit, result, $"{string.Join(" + ", terms)}; {gwp}", "characterised");
    }
}
