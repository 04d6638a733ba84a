namespace LieInter.Economics.Rebound;

/// <summary>
/// The rebound model on a national input-output table: quantities and prices of every sector, coupled through
/// price-dependent final demand.
/// <list type="bullet">
/// <item>quantities x = A' x + y (A[i, j]: input of product i per unit output of sector j),</item>
/// <item>producer prices p = A'^T p + v, v_j = 1 - sum_i A[i, j] the primary inputs per unit output (value added,
/// imported inputs, net taxes), so p = 1 at the reference,</item>
/// <item>the price final demand sees, q = p (the auxiliary node an invariant intervention replaces by a taxed price),</item>
/// <item>final demand y_i = y_i^ref q_i^(-epsilon_i), with own-price elasticities epsilon_i,</item>
/// </list>
/// where A' scales the rows of the energy sectors (<see cref="EnergyRow"/> = 1) by the efficiency d: every industry
/// needs d times the energy per unit of output. The Lie intervention <see cref="Efficiency"/> is multiplicative on d,
/// so u = ln 0.8 is a 20% efficiency gain. Solvable whenever rho(A) &lt; 1 and d &lt;= 1: the price block is then a
/// contraction on its own, and demand and quantities follow from it.
/// </summary>
[LieIntervention(Efficiency, typeof(Multiplicative), nameof(EnergyEfficiency))]
[InvariantIntervention(Efficiency, nameof(Demand), nameof(ConsumerPrice))]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public sealed partial class PriceQuantityReboundModel
{
    /// <summary>Name of the efficiency intervention (multiplicative on <see cref="EnergyEfficiency"/>).</summary>
    public const string Efficiency = "Efficiency";

    [Parameter] public double[,] A = default!;

    /// <summary>1 for the row of an energy sector (its use by every industry is scaled by the efficiency), else 0.</summary>
    [Parameter] public double[] EnergyRow = default!;

    /// <summary>d: energy needed per unit of output relative to the table (1 at the reference).</summary>
    [Parameter] public double EnergyEfficiency = 1.0;

    /// <summary>v: primary inputs per unit of output at reference prices.</summary>
    [Parameter] public double[] PrimaryInput = default!;

    /// <summary>y^ref: final demand at reference prices.</summary>
    [Parameter] public double[] DemandReference = default!;

    /// <summary>epsilon: own-price elasticity of final demand per product (positive: demand falls as the price rises).</summary>
    [Parameter] public double[] Elasticity = default!;

    [Node] public double[] X = default!;
    [Node] public double[] P = default!;
    [Node] public double[] ConsumerPrice = default!;
    [Node] public double[] Demand = default!;

    /// <summary>A'[i, j]: energy rows scaled by the efficiency.</summary>
    [Smooth] double Coefficient(int i, int j) => A[i, j] * (1 + EnergyRow[i] * (EnergyEfficiency - 1));

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
        double s = PrimaryInput[i];
        for (int j = 0; j < P.Length; j++)
        {
            s += Coefficient(j, i) * P[j];
        }

        return s;
    }

    [Assignment(nameof(ConsumerPrice))]
    double AssignConsumerPrice(int i) => P[i];

    [Assignment(nameof(Demand))]
    double AssignDemand(int i) => DemandReference[i] * Math.Pow(ConsumerPrice[i], -Elasticity[i]);
}
