namespace LieInter.Economics.Rebound;

/// <summary>How a table becomes a rebound economy: which sectors are energy, and the own-price elasticities of
/// final demand.</summary>
public sealed record ReboundOptions
{
    /// <summary>The default uniform own-price elasticity of final demand. An illustrative long-run value, of the
    /// order of the long-term energy price elasticities that Labandeira, Labeaga and López-Otero (2017, Energy
    /// Policy 102, 549-568) summarise; it is not an estimate for any sector. Override per product with
    /// <see cref="Elasticities"/>.</summary>
    public const double DefaultElasticity = 0.5;

    /// <summary>WIOD codes of the energy sectors whose rows the efficiency scales: mining and quarrying (B: coal, oil,
    /// gas) and electricity, gas, steam and air conditioning supply (D35).</summary>
    public static IReadOnlyList<string> WiodEnergySectors { get; } = ["B", "D35"];

    /// <summary>Codes (or keys) of the energy sectors.</summary>
    public IReadOnlyList<string> EnergySectors { get; init; } = WiodEnergySectors;

    /// <summary>Elasticity of every product not in <see cref="Elasticities"/>.</summary>
    public double UniformElasticity { get; init; } = DefaultElasticity;

    /// <summary>Per-product elasticities by sector code (see <see cref="ReboundElasticities.Read"/>); the others
    /// take <see cref="UniformElasticity"/>.</summary>
    public IReadOnlyDictionary<string, double>? Elasticities { get; init; }

    /// <summary>Name of the CO2 stressor whose total the rebound is also measured on.</summary>
    public string Co2Stressor { get; init; } = WiodDerivedCountry.Co2;
}
