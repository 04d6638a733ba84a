namespace LieInter.Optimization;

/// <summary>LU with partial pivoting for the small (2m x 2m) matrices of the compact L-BFGS representation.
/// Works in caller-owned buffers; no allocation.</summary>
internal static class SmallDenseLu
{
    /// <summary>Factorises the leading n x n block of <paramref name="a"/> in place. Returns false when a pivot is
    /// zero or not finite relative to the matrix scale (numerically singular).</summary>
    public static bool Factor(double[,] a, int n, int[] pivots)
    {
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                scale = Math.Max(scale, Math.Abs(a[i, j]));
            }
        }

        if (!(scale > 0) || !double.IsFinite(scale))
        {
            return false;
        }

        for (int k = 0; k < n; k++)
        {
            int p = k;
            double best = Math.Abs(a[k, k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i, k]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }

            if (!(best > 1e-14 * scale))
            {
                return false;
            }

            pivots[k] = p;
            if (p != k)
            {
                for (int j = 0; j < n; j++)
                {
                    (a[k, j], a[p, j]) = (a[p, j], a[k, j]);
                }
            }

            double inv = 1.0 / a[k, k];
            for (int i = k + 1; i < n; i++)
            {
                double l = a[i, k] * inv;
                a[i, k] = l;
                if (l != 0)
                {
                    for (int j = k + 1; j < n; j++)
                    {
                        a[i, j] -= l * a[k, j];
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Solves A x = b in place (b becomes x) with a factorisation from <see cref="Factor"/>.</summary>
    public static void Solve(double[,] lu, int n, int[] pivots, Span<double> b)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivots[k];
            if (p != k)
            {
                (b[k], b[p]) = (b[p], b[k]);
            }
        }

        for (int i = 1; i < n; i++)
        {
            double s = b[i];
            for (int j = 0; j < i; j++)
            {
                s -= lu[i, j] * b[j];
            }

            b[i] = s;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < n; j++)
            {
                s -= lu[i, j] * b[j];
            }

            b[i] = s / lu[i, i];
        }
    }
}
