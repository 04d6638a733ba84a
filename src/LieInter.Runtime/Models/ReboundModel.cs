namespace LieInter.Models;

/// <summary>
/// The rebound model of Sec. 2.1 (challenge 3) and Fig. 1b: a Leontief economy whose final demand responds to prices.
/// <list type="bullet">
/// <item>quantities x = A' x + y,</item>
/// <item>producer prices p = A'^T p + A'^T delta_e (unit price proportional to embodied energy),</item>
/// <item>the price consumers see, q = p (the auxiliary node an invariant intervention replaces, e.g. by a tax),</item>
/// <item>demand y_i = s / (exp(k (q_i / r - 1)) + 1) with s = 1.42, k = 10, r = 0.4,</item>
/// </list>
/// where A' = diag(1, ..., d, ..., 1) A scales the energy sector's row e by the efficiency d. The Lie intervention
/// <see cref="Efficiency"/> is multiplicative on d: at u = ln 0.6 every sector needs 40% less energy per unit of
/// output, which lowers prices and, through demand, raises energy use (the rebound).
/// </summary>
[LieIntervention(Efficiency, typeof(Multiplicative), nameof(EnergyEfficiency))]
[InvariantIntervention(Efficiency, nameof(Demand), nameof(ConsumerPrice), InvariantElement = 0, AuxiliaryElement = 0)]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public sealed partial class ReboundModel
{
    /// <summary>Name of the efficiency intervention.</summary>
    public const string Efficiency = "Efficiency";

    /// <summary>Index of the energy sector e.</summary>
    public const int Energy = 1;

    [Parameter] public double[,] A = default!;
    [Parameter] public double EnergyEfficiency = 1.0;
    [Parameter] public double DemandScale = 1.42;
    [Parameter] public double DemandSteepness = 10.0;
    [Parameter] public double DemandReferencePrice = 0.4;

    [Node] public double[] X = default!;
    [Node] public double[] P = default!;
    [Node] public double[] ConsumerPrice = default!;
    [Node] public double[] Demand = default!;

    /// <summary>The paper's 3-sector example with energy sector 1 and A[0, 1] = <paramref name="a01"/>.</summary>
    public static ReboundModel ThreeSector(double a01 = 0.1) => new()
    {
        A = new double[,] { { 0, a01, 0 }, { 0.5, 0, 0 }, { 0.1, 0.2, 0 } },
        X = new double[3],
        P = new double[3],
        ConsumerPrice = new double[3],
        Demand = new double[3],
    };

    /// <summary>A'[i, j]: the energy row scaled by the efficiency.</summary>
    [Smooth] double Coefficient(int i, int j) => i == Energy ? EnergyEfficiency * A[i, j] : A[i, j];

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = Demand[i];
        for (int j = 0; j < X.Length; j++)
        {
            s += Coefficient(i, j) * X[j];
        }

        return s;
    }

    [Assignment(nameof(P))]
    double AssignP(int i)
    {
        double s = Coefficient(Energy, i);
        for (int j = 0; j < P.Length; j++)
        {
            s += Coefficient(j, i) * P[j];
        }

        return s;
    }

    [Assignment(nameof(ConsumerPrice))]
    double AssignConsumerPrice(int i) => P[i];

    [Assignment(nameof(Demand))]
    double AssignDemand(int i) => DemandScale / (Math.Exp(DemandSteepness * (ConsumerPrice[i] / DemandReferencePrice - 1)) + 1);
}
