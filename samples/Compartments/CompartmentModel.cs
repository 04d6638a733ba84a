namespace LieInter.Samples.Compartments;

/// <summary>
/// Fig. 2a of the paper as a Leontief-type model x = C x + d with two compartments. Compartment 1 holds X1 (the
/// intervened node, Lie intervention U on its assignment), X2 (the invariant node, which is also the auxiliary
/// node) and P1, the compartment's exogenous demand (P1 = D1, read by X1 and X2); compartment 2 mirrors it with X3,
/// X4, P2 and V. P1 lets the auxiliary assignment of X2 observe the parameter it must adapt to directly rather than
/// only through X4, whose value it feeds back into (which would make the learned loop nearly singular). Each compartment has a cycle (X1 and X2, X3 and X4) and only
/// the invariant nodes send arrows across (X2 to X4 and X4 to X2), so the two compartments' equilibria are
/// interdependent: without invariance, U moves compartment 2 and V moves compartment 1.
/// </summary>
[LieIntervention(U, typeof(Multiplicative), nameof(X1))]
[LieIntervention(V, typeof(Multiplicative), nameof(X3))]
[InvariantIntervention(U, nameof(X2), nameof(X2))]
[InvariantIntervention(V, nameof(X4), nameof(X4))]
[Compartment("Compartment1", nameof(P1), nameof(X1), nameof(X2))]
[Compartment("Compartment2", nameof(P2), nameof(X3), nameof(X4))]
[Solvability(SolvabilityKind.SpectralRadius)] // of df/dx: the model is linear in the state with nonnegative coefficients
public partial class CompartmentModel
{
    public const string U = "U";
    public const string V = "V";

    /// <summary>Inside compartment 1: X1 reads X2, X2 reads X1.</summary>
    [Parameter] public double C12 = 0.3, C21 = 0.4;

    /// <summary>Inside compartment 2: X3 reads X4, X4 reads X3.</summary>
    [Parameter] public double C34 = 0.35, C43 = 0.3;

    /// <summary>Across: X2 reads X4, X4 reads X2.</summary>
    [Parameter] public double C24 = 0.2, C42 = 0.25;

    /// <summary>Share of each compartment's exogenous demand that goes to its invariant node.</summary>
    [Parameter] public double S2 = 0.3, S4 = 0.4;

    /// <summary>Final demands; <see cref="D1"/> and <see cref="D3"/> are the parameters the invariance must hold over.</summary>
    [Parameter] public double D1 = 1.0, D2 = 0.5, D3 = 0.8, D4 = 0.4;

    [Node] public double P1, X1, X2, P2, X3, X4;

    [Assignment(nameof(P1))] double AssignP1() => D1;
    [Assignment(nameof(X1))] double AssignX1() => C12 * X2 + P1;
    [Assignment(nameof(X2))] double AssignX2() => C21 * X1 + C24 * X4 + S2 * P1 + D2;
    [Assignment(nameof(P2))] double AssignP2() => D3;
    [Assignment(nameof(X3))] double AssignX3() => C34 * X4 + P2;
    [Assignment(nameof(X4))] double AssignX4() => C43 * X3 + C42 * X2 + S4 * P2 + D4;

    public static IReadOnlyList<IReadOnlyList<string>> Compartments { get; } = [[nameof(P1), nameof(X1), nameof(X2)], [nameof(P2), nameof(X3), nameof(X4)]];

    /// <summary>State index of each node (the layout's order).</summary>
    public const int IndexX1 = 1, IndexX2 = 2, IndexX4 = 5;
}
