using System.Globalization;
using System.Text;

namespace LieInter.Economics;

/// <summary>
/// Global warming potentials used to characterise greenhouse gases into CO2 equivalents: kg CO2-eq per kg of gas.
/// The factors and their source are part of the object and of its printed form, so a result always says which
/// factors produced it.
/// </summary>
public sealed class GwpFactors
{
    private readonly Dictionary<string, double> _factors;

    public GwpFactors(string name, string source, IReadOnlyDictionary<string, double> factors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(factors);
        foreach (var (gas, f) in factors)
        {
            if (!double.IsFinite(f) || f < 0)
            {
                throw new ArgumentException($"GWP factor for '{gas}' must be finite and nonnegative, got {f}.", nameof(factors));
            }
        }

        Name = name;
        Source = source;
        _factors = new Dictionary<string, double>(factors, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Short name, e.g. "IPCC AR5 GWP100".</summary>
    public string Name { get; }

    /// <summary>Where the numbers come from (report, chapter, table).</summary>
    public string Source { get; }

    public IReadOnlyDictionary<string, double> Factors => _factors;

    /// <summary>The factor for a gas ("CO2", "CH4", "CH4_fossil", "N2O"); an error listing the known gases otherwise.</summary>
    public double this[string gas] => _factors.TryGetValue(gas, out double f)
        ? f
        : throw new KeyNotFoundException($"{Name} has no factor for gas '{gas}'. Known gases: {InputOutputDataException.ListNames(_factors.Keys)}.");

    /// <summary>
    /// IPCC AR5 (2013) WG I, ch. 8, table 8.7, 100-year GWP without climate-carbon feedbacks: CH4 28, N2O 265.
    /// </summary>
    public static GwpFactors Ar5Gwp100 { get; } = new(
        "IPCC AR5 GWP100",
        "IPCC AR5 WG I (2013), Myhre et al., ch. 8, table 8.7 (100-year, no climate-carbon feedback)",
        new Dictionary<string, double> { ["CO2"] = 1, ["CH4"] = 28, ["N2O"] = 265 });

    /// <summary>
    /// IPCC AR6 (2021) WG I, ch. 7, table 7.15, 100-year GWP: CH4 27.9 (non-fossil), fossil CH4 29.8, N2O 273.
    /// </summary>
    public static GwpFactors Ar6Gwp100 { get; } = new(
        "IPCC AR6 GWP100",
        "IPCC AR6 WG I (2021), Forster et al., ch. 7, table 7.15 (100-year); CH4 27.9 non-fossil, 29.8 fossil",
        new Dictionary<string, double> { ["CO2"] = 1, ["CH4"] = 27.9, ["CH4_fossil"] = 29.8, ["N2O"] = 273 });

    /// <summary>IPCC AR4 (2007) WG I, ch. 2, table 2.14, 100-year GWP: CH4 25, N2O 298 (the Kyoto second-period values).</summary>
    public static GwpFactors Ar4Gwp100 { get; } = new(
        "IPCC AR4 GWP100",
        "IPCC AR4 WG I (2007), Forster et al., ch. 2, table 2.14 (100-year)",
        new Dictionary<string, double> { ["CO2"] = 1, ["CH4"] = 25, ["N2O"] = 298 });

    /// <summary>IPCC Second Assessment Report (1995) 100-year GWP: CH4 21, N2O 310 (the Kyoto first-period values).</summary>
    public static GwpFactors SarGwp100 { get; } = new(
        "IPCC SAR GWP100",
        "IPCC Second Assessment Report (1995), WG I, table 2.9 (100-year); UNFCCC decision 2/CP.3",
        new Dictionary<string, double> { ["CO2"] = 1, ["CH4"] = 21, ["N2O"] = 310 });

    public static IReadOnlyList<GwpFactors> Presets { get; } = new[] { Ar6Gwp100, Ar5Gwp100, Ar4Gwp100, SarGwp100 };

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Name).Append(": ");
        sb.Append(string.Join(", ", _factors.Select(kv => $"{kv.Key} = {kv.Value.ToString("G6", CultureInfo.InvariantCulture)}")));
        sb.Append(" kg CO2-eq/kg [").Append(Source).Append(']');
        return sb.ToString();
    }
}
