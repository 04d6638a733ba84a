namespace LieInter.Torch;

/// <summary>The invariant node's value for one scenario, target and element: unintervened and under the invariant
/// intervention.</summary>
public sealed record InvarianceValue(string Scenario, InvarianceTarget Target, double Reference, double Intervened)
{
    /// <summary>The element of a vector invariant node (0 for a scalar node).</summary>
    public int Element { get; init; }

    public double RelativeError => Math.Abs(Intervened - Reference) / Math.Max(Math.Abs(Reference), 1e-300);
}
