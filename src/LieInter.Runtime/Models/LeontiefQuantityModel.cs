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
