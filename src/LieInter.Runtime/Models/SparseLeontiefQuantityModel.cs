namespace LieInter.Models;

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
