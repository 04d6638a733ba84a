namespace LieInter.Models;

/// <summary>
/// The two-compartment Leontief economy of Fig. 2a and Fig. 5 of the paper: x = A x + y over six sectors in two
/// regions (compartments), with cycles inside each region and trade between them only through one sector per region.
/// <list type="bullet">
/// <item>Region 1: <see cref="Target1"/> (the sector the intervention <see cref="U"/> scales), <see cref="Supplier1"/>
/// and <see cref="Trader1"/>; region 2 likewise with <see cref="V"/>.</item>
/// <item>Inside a region: Target &lt;-&gt; Supplier, Target -&gt; Trader -&gt; Target, Supplier -&gt; Trader (cycles).</item>
/// <item>Between regions: Trader1 &lt;-&gt; Trader2 only, so the traders are the only nodes with arrows into the other
/// compartment. Prop. 4 then asks each trader to be invariant to its region's intervention; each trader is also the
/// auxiliary node (the paper's default), i.e. a learned soft intervention on the trader's own assignment.</item>
/// </list>
/// A[i, j] is the input of product i per unit output of sector j; only the entries of <see cref="Arrows"/> are read
/// (<see cref="Create"/> refuses a matrix with any other nonzero entry, which this model would silently ignore).
/// <see cref="U"/> and <see cref="V"/> are multiplicative Lie interventions on the targets' assignments
/// (x_T = e^u (A x + y)_T). The free parameters of the experiment are the suppliers' final demands.
/// </summary>
[LieIntervention(U, typeof(Multiplicative), nameof(Target1))]
[LieIntervention(V, typeof(Multiplicative), nameof(Target2))]
[InvariantIntervention(U, nameof(Trader1), nameof(Trader1))]
[InvariantIntervention(V, nameof(Trader2), nameof(Trader2))]
[Compartment(Region1, nameof(Target1), nameof(Supplier1), nameof(Trader1))]
[Compartment(Region2, nameof(Target2), nameof(Supplier2), nameof(Trader2))]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public sealed partial class CompartmentModel
{
    /// <summary>Intervention on region 1 (multiplicative on <see cref="Target1"/>).</summary>
    public const string U = "U";

    /// <summary>Intervention on region 2 (multiplicative on <see cref="Target2"/>).</summary>
    public const string V = "V";

    public const string Region1 = "Region1";

    public const string Region2 = "Region2";

    /// <summary>Sector indices in A and <see cref="FinalDemand"/> (and the state order).</summary>
    public const int T1 = 0, S1 = 1, R1 = 2, T2 = 3, S2 = 4, R2 = 5;

    /// <summary>The nonzero pattern of A as (row i, column j): sector j buys product i, an arrow j -> i.</summary>
    public static IReadOnlyList<(int Row, int Column)> Arrows { get; } =
    [
        (T1, S1), (T1, R1), (S1, T1), (R1, T1), (R1, S1), (R1, R2),
        (T2, S2), (T2, R2), (S2, T2), (R2, T2), (R2, S2), (R2, R1),
    ];

    [Parameter] public double[,] A = default!;
    [Parameter] public double[] FinalDemand = default!;

    [Node] public double Target1, Supplier1, Trader1, Target2, Supplier2, Trader2;

    /// <summary>The reference economy of the sample: column sums at most 0.7 (spectral radius 0.533), so the
    /// model stays productive under the interventions' factors in [0.8, 1.2].</summary>
    public static CompartmentModel Reference()
    {
        var a = new double[6, 6];
        a[T1, S1] = 0.3; a[T1, R1] = 0.2; a[S1, T1] = 0.4; a[R1, T1] = 0.3; a[R1, S1] = 0.2; a[R1, R2] = 0.25;
        a[T2, S2] = 0.25; a[T2, R2] = 0.3; a[S2, T2] = 0.35; a[R2, T2] = 0.2; a[R2, S2] = 0.3; a[R2, R1] = 0.2;
        return Create(a, [1.0, 0.5, 0.8, 1.2, 0.6, 0.7]);
    }

    /// <summary>A model on the given coefficients and final demands; A must be 6 x 6 and zero outside
    /// <see cref="Arrows"/>.</summary>
    public static CompartmentModel Create(double[,] a, double[] finalDemand)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(finalDemand);
        if (a.GetLength(0) != 6 || a.GetLength(1) != 6 || finalDemand.Length != 6)
        {
            throw new ArgumentException($"The compartment model has 6 sectors: A must be 6 x 6 and the final demand have 6 entries; got {a.GetLength(0)} x {a.GetLength(1)} and {finalDemand.Length}.");
        }

        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                if (a[i, j] != 0 && !Arrows.Contains((i, j)))
                {
                    throw new ArgumentException($"A[{i}, {j}] = {a[i, j]} is outside the model's arrows (the assignments never read it): the compartment structure fixes which sectors trade.", nameof(a));
                }
            }
        }

        return new CompartmentModel { A = (double[,])a.Clone(), FinalDemand = (double[])finalDemand.Clone() };
    }

    [Assignment(nameof(Target1))]
    double AssignTarget1() => A[0, 1] * Supplier1 + A[0, 2] * Trader1 + FinalDemand[0];

    [Assignment(nameof(Supplier1))]
    double AssignSupplier1() => A[1, 0] * Target1 + FinalDemand[1];

    [Assignment(nameof(Trader1))]
    double AssignTrader1() => A[2, 0] * Target1 + A[2, 1] * Supplier1 + A[2, 5] * Trader2 + FinalDemand[2];

    [Assignment(nameof(Target2))]
    double AssignTarget2() => A[3, 4] * Supplier2 + A[3, 5] * Trader2 + FinalDemand[3];

    [Assignment(nameof(Supplier2))]
    double AssignSupplier2() => A[4, 3] * Target2 + FinalDemand[4];

    [Assignment(nameof(Trader2))]
    double AssignTrader2() => A[5, 3] * Target2 + A[5, 4] * Supplier2 + A[5, 2] * Trader1 + FinalDemand[5];
}
