namespace LieInter.Models;

/// <summary>
/// The Leontief quantity model x = A x + y (eq. 1 of the paper) with a distributed multiplicative Lie intervention on
/// every sector's assignment, x_i = alpha_i (A x + y)_i with alpha = exp(u): the country model of eq. (5).
/// A[i, j] is the input of product i per unit output of sector j (row = supplying sector).
/// </summary>
[LieIntervention(SectorScaling, typeof(Multiplicative), nameof(X))]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public sealed partial class LeontiefQuantityModel
{
    /// <summary>Name of the multiplicative intervention on every sector's assignment.</summary>
    public const string SectorScaling = "SectorScaling";

    [Parameter] public double[,] A = default!;
    [Parameter] public double[] FinalDemand = default!;
    [Node] public double[] X = default!;

    public LeontiefQuantityModel()
    {
    }

    public LeontiefQuantityModel(double[,] a, double[] finalDemand)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(finalDemand);
        if (a.GetLength(0) != a.GetLength(1) || a.GetLength(0) != finalDemand.Length)
        {
            throw new ArgumentException($"A is {a.GetLength(0)} x {a.GetLength(1)} but final demand has {finalDemand.Length} entries; A must be square with one row per sector.");
        }

        A = a;
        FinalDemand = finalDemand;
        X = new double[finalDemand.Length];
    }

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = FinalDemand[i];
        for (int j = 0; j < X.Length; j++)
        {
            s += A[i, j] * X[j];
        }

        return s;
    }
}

/// <summary>The Leontief quantity model on a sparse (CSR) technical-coefficient matrix, for large tables.</summary>
[LieIntervention(SectorScaling, typeof(Multiplicative), nameof(X))]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public sealed partial class SparseLeontiefQuantityModel
{
    public const string SectorScaling = "SectorScaling";

    [Parameter] public SparseMatrix A = default!;
    [Parameter] public double[] FinalDemand = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = FinalDemand[i];
        for (int k = A.RowPointers[i]; k < A.RowPointers[i + 1]; k++)
        {
            s += A.Values[k] * X[A.ColumnIndices[k]];
        }

        return s;
    }
}

/// <summary>
/// The Leontief price model p = A^T p + beta delta_e (Sec. 2.1): unit prices proportional to the energy embodied
/// in each good. <see cref="Cost"/> is beta delta_e (or any vector of primary input costs per unit output).
/// </summary>
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public sealed partial class LeontiefPriceModel
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[] Cost = default!;
    [Node] public double[] P = default!;

    [Assignment(nameof(P))]
    double AssignP(int i)
    {
        double s = Cost[i];
        for (int j = 0; j < P.Length; j++)
        {
            s += A[j, i] * P[j];
        }

        return s;
    }
}
