namespace LieInter.Models;

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
