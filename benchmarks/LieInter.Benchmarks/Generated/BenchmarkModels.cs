namespace LieInter.Benchmarks.Generated;

/// <summary>Dense Leontief x = A x + y, as a user would write it.</summary>
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public partial class DenseLeontief
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[] FinalDemand = default!;
    [Node] public double[] X = default!;

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

    /// <summary>A random nonnegative technical-coefficient matrix with column sums about 0.45 (like real tables).</summary>
    public static DenseLeontief Random(int n, int seed = 1)
    {
        var r = new Random(seed);
        var a = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                a[i, j] = r.NextDouble();
                sum += a[i, j];
            }

            for (int i = 0; i < n; i++)
            {
                a[i, j] *= 0.45 / sum;
            }
        }

        var y = Enumerable.Range(0, n).Select(_ => 1 + r.NextDouble()).ToArray();
        return new DenseLeontief { A = a, FinalDemand = y, X = new double[n] };
    }
}
