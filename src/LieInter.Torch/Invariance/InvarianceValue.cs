namespace LieInter.Torch;

/// <summary>The invariant node's value for one scenario and target: unintervened and under the invariant
/// intervention.</summary>
public sealed record InvarianceValue(string Scenario, InvarianceTarget Target, double Reference, double Intervened)
{
    public double RelativeError => Math.Abs(Intervened - Reference) / Math.Max(Math.Abs(Reference), 1e-300);
}
