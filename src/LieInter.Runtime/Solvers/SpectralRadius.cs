namespace LieInter.Solvers;

/// <summary>The outcome of a spectral-radius check: bounds, the decision and how it was reached.</summary>
/// <param name="Value">Best estimate of the spectral radius.</param>
/// <param name="UpperBound">A rigorous upper bound on the spectral radius of the matrix (from |A|).</param>
/// <param name="Certified">True when the bounds (or dense eigenvalues) decide the comparison with the bound.</param>
/// <param name="Method">How the value was obtained.</param>
public sealed record SpectralRadiusResult(double Value, double UpperBound, bool Certified, string Method);

/// <summary>
/// Spectral radius estimates with certificates. For a nonnegative matrix B and any positive vector v, the
/// Collatz-Wielandt bounds min_i (Bv)_i / v_i &lt;= rho(B) &lt;= max_i (Bv)_i / v_i hold; power iteration on
/// B = |A| tightens them, and rho(A) &lt;= rho(|A|) for any A. So "rho(A) &lt; 1" is certified as soon as one
/// upper bound drops below 1. When the bounds cannot decide (entries of both signs, or slow convergence), small
/// matrices fall back to the dense eigenvalues.
/// </summary>
public static class SpectralRadius
{
    public static SpectralRadiusResult Of(double[,] a, double bound = 1.0)
    {
        int n = a.GetLength(0);
        if (n != a.GetLength(1))
        {
            throw new ArgumentException($"The matrix is {n} x {a.GetLength(1)}; a spectral radius needs a square matrix.");
        }

        bool nonnegative = true;
        foreach (double v in a)
        {
            nonnegative &= v >= 0;
        }

        var result = CollatzWielandt(n, (v, w) =>
        {
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < n; j++)
                {
                    s += Math.Abs(a[i, j]) * v[j];
                }

                w[i] = s;
            }
        }, bound, nonnegative);
        if (result.Certified || n > 1500)
        {
            return result;
        }

        // Inconclusive: the dense eigenvalues decide.
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a);
        double rho = m.Evd().EigenValues.Max(c => c.Magnitude);
        return new SpectralRadiusResult(rho, result.UpperBound, true, "dense eigenvalues");
    }

    public static SpectralRadiusResult Of(SparseMatrix a, double bound = 1.0)
    {
        if (a.Rows != a.Columns)
        {
            throw new ArgumentException($"The matrix is {a.Rows} x {a.Columns}; a spectral radius needs a square matrix.");
        }

        bool nonnegative = a.Values.All(v => v >= 0);
        var result = CollatzWielandt(a.Rows, (v, w) =>
        {
            for (int i = 0; i < a.Rows; i++)
            {
                double s = 0;
                for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
                {
                    s += Math.Abs(a.Values[k]) * v[a.ColumnIndices[k]];
                }

                w[i] = s;
            }
        }, bound, nonnegative);
        if (result.Certified || a.Rows > 1500)
        {
            return result;
        }

        return Of(a.ToDense(), bound);
    }

    /// <summary>Power iteration on a nonnegative operator with Collatz-Wielandt bounds.</summary>
    private static SpectralRadiusResult CollatzWielandt(int n, Action<double[], double[]> applyAbs, double bound, bool nonnegative)
    {
        if (n == 0)
        {
            return new SpectralRadiusResult(0, 0, true, "empty matrix");
        }

        var v = Enumerable.Repeat(1.0, n).ToArray();
        var w = new double[n];
        double upper = double.PositiveInfinity, lower = 0;
        for (int k = 0; k < 1000; k++)
        {
            applyAbs(v, w);
            double hi = 0, lo = double.PositiveInfinity, wMax = 0;
            for (int i = 0; i < n; i++)
            {
                double ratio = w[i] / v[i];
                hi = Math.Max(hi, ratio);
                lo = Math.Min(lo, ratio);
                wMax = Math.Max(wMax, w[i]);
            }

            upper = Math.Min(upper, hi);
            lower = Math.Max(lower, lo);

            // Below the bound: certified, stop (this runs before every solve). Above it: keep tightening so the
            // refusal message reports an accurate value.
            if (upper < bound)
            {
                return new SpectralRadiusResult(upper, upper, true, $"Collatz-Wielandt bounds [{lower:G6}, {upper:G6}] after {k + 1} power iterations");
            }

            bool decided = nonnegative && lower >= bound;
            if (upper - lower <= 1e-10 * upper || wMax == 0 || (decided && k >= 200))
            {
                break;
            }

            // Keep v strictly positive (reducible matrices have zero rows); any positive v gives valid bounds.
            double floor = 1e-14 * wMax;
            for (int i = 0; i < n; i++)
            {
                v[i] = (w[i] + floor) / wMax;
            }
        }

        bool certified = upper < bound || (nonnegative && lower >= bound) || (nonnegative && upper - lower <= 1e-12 * upper);
        return new SpectralRadiusResult(nonnegative ? 0.5 * (upper + lower) : upper, upper, certified, $"Collatz-Wielandt bounds [{lower:G6}, {upper:G6}]");
    }
}
