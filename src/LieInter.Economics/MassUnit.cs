namespace LieInter.Economics;

/// <summary>Mass units found in satellite accounts, parsed from the start of a unit string ("kt CO2", "1000 t").</summary>
public static class MassUnit
{
    private static readonly (string Token, double Kilograms)[] Known =
    {
        ("thousand tonnes", 1e6), ("thousand tons", 1e6), ("1000 tonnes", 1e6), ("1000 t", 1e6), ("ths_t", 1e6),
        ("million tonnes", 1e9), ("tonnes", 1e3), ("tonne", 1e3), ("tons", 1e3), ("ton", 1e3),
        ("kg", 1), ("gt", 1e12), ("mt", 1e9), ("kt", 1e6), ("t", 1e3), ("g", 1e-3),
    };

    /// <summary>Kilograms per unit, and the leading token that matched (e.g. "kt").</summary>
    public static bool TryParse(string unit, out double kilograms, out string token)
    {
        string u = unit.Trim();
        foreach (var (t, kg) in Known)
        {
            if (u.StartsWith(t, StringComparison.OrdinalIgnoreCase) && (u.Length == t.Length || !char.IsLetterOrDigit(u[t.Length])))
            {
                kilograms = kg;
                token = u[..t.Length];
                return true;
            }
        }

        kilograms = 0;
        token = string.Empty;
        return false;
    }

    public static double KilogramsPer(string unit, string context) => TryParse(unit, out double kg, out _)
        ? kg
        : throw new InputOutputDataException($"cannot read a mass unit from '{unit}' (expected it to start with kg, t, kt, Mt, Gt, tonnes, 1000 t or thousand tonnes).", rowLabel: context);
}
