namespace LieInter.Economics.Rebound;

/// <summary>One measured total (energy output, CO2) at the reference, after an efficiency gain with final demand
/// held fixed (engineering) and at the new equilibrium where prices and demand respond (actual).</summary>
public sealed record ReboundQuantity(double Reference, double Engineering, double Actual)
{
    /// <summary>Saving the efficiency gain promises: reference minus engineering.</summary>
    public double EngineeringSaving => Reference - Engineering;

    /// <summary>Saving that materialises: reference minus actual.</summary>
    public double ActualSaving => Reference - Actual;

    /// <summary>1 - actual / engineering saving (NaN when the engineering saving is zero, as at zero gain).</summary>
    public double Rebound => EngineeringSaving == 0 ? double.NaN : 1 - ActualSaving / EngineeringSaving;

    /// <summary>The rebound exceeds 100%: the gain raises the total.</summary>
    public bool IsBackfire => Rebound > 1;
}
