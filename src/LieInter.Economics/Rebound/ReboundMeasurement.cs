namespace LieInter.Economics.Rebound;

/// <summary>The economy after an efficiency gain g (energy per unit of output d = 1 - g) under the plain Lie
/// intervention: totals, the new output and prices, the output at fixed demand, and the ideal invariant tax.</summary>
public sealed record ReboundMeasurement(
    double Gain,
    ReboundQuantity Energy,
    ReboundQuantity Co2,
    IReadOnlyList<double> Output,
    IReadOnlyList<double> Prices,
    IReadOnlyList<double> EngineeringOutput)
{
    /// <summary>The ad-valorem tax on each product's producer price that holds its final demand exactly at the
    /// reference: q_i = (1 + t_i) p_i = 1, so t_i = 1 / p_i - 1. Under it the actual saving is the engineering one.</summary>
    public IReadOnlyList<double> IdealTaxRate => Prices.Select(p => 1 / p - 1).ToArray();
}
