namespace LieInter.Economics.Rebound;

/// <summary>Derivatives at the reference with respect to the Lie coordinate u = ln d of the efficiency (a small
/// gain is du &lt; 0): of a total at fixed demand (engineering) and at equilibrium (actual), by implicit
/// differentiation. The rebound of an infinitesimal gain is 1 - actual / engineering.</summary>
public sealed record MarginalRebound(double EngineeringDerivative, double ActualDerivative)
{
    public double Rebound => 1 - ActualDerivative / EngineeringDerivative;
}
