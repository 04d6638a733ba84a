using MathNet.Numerics.LinearAlgebra;

namespace LieInter.LinearAlgebra;

/// <summary>Bounds and values for the spectral radius of square matrices (row-major, double[,] or CSR). Used by the
/// data loaders (Hawkins-Simon) and by the solvers' declared solvability checks.</summary>
public static class SpectralRadius
{
    /// <summary>Certify for a double[,].</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of the matrix; no call can bind to two of them.")]
    public static SpectralRadiusEstimate Certify(double[,] a, double bound = 1.0)
    {
        int n = a.GetLength(0);
        if (n != a.GetLength(1))
        {
            throw new ArgumentException($"The matrix is {n} x {a.GetLength(1)}; a spectral radius needs a square matrix.");
        }

        var rowMajor = new double[n * n];
        Buffer.BlockCopy(a, 0, rowMajor, 0, rowMajor.Length * sizeof(double));
        return Certify(rowMajor, n, bound);
    }

    /// <summary>Certifies rho(A) &lt; <paramref name="bound"/> for a sparse matrix: Collatz-Wielandt bounds on |A| in
    /// O(nnz) per iteration, with the dense fallback (eigenvalues) when A has negative entries, the bound is
    /// inconclusive and n is at most 1,500.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of the matrix; no call can bind to two of them.")]
    public static SpectralRadiusEstimate Certify(SparseMatrix a, double bound = 1.0)
    {
        if (a.Rows != a.Columns)
        {
            throw new ArgumentException($"The matrix is {a.Rows} x {a.Columns}; a spectral radius needs a square matrix.");
        }

        var estimate = CollatzWielandt(a.Rows, (v, w) =>
        {
            for (int i = 0; i < a.Rows; i++)
            {
                double s = v[i];
                for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
                {
                    s += Math.Abs(a.Values[k]) * v[a.ColumnIndices[k]];
                }

                w[i] = s;
            }
        }, Math.Clamp((int)(2e8 / Math.Max(1, a.NonZeroCount + a.Rows)), 200, 20000), bound);
        bool negative = a.Values.Any(v => v < 0);
        if (estimate.Upper < bound || (estimate.Lower >= bound && !negative) || a.Rows > 1500)
        {
            return estimate;
        }

        return Certify(a.ToDense(), bound);
    }

    /// <summary>
    /// Collatz–Wielandt bounds on the Perron root of |A| by power iteration on |A| + I. For any positive vector v,
    /// min_i (Mv)_i / v_i &lt;= rho(M) &lt;= max_i (Mv)_i / v_i for nonnegative M, and rho(A) &lt;= rho(|A|), so
    /// <see cref="SpectralRadiusEstimate.Upper"/> is a certified upper bound on rho(A). The shift by I makes the
    /// iteration converge for periodic (e.g. block-triangular or cyclic) matrices too.
    /// </summary>
    public static SpectralRadiusEstimate BoundAbsolute(ReadOnlySpan<double> aRowMajor, int n, int maxIterations = 0)
    {
        if (aRowMajor.Length != n * n)
        {
            throw new ArgumentException($"Expected {n * n} entries for a {n} x {n} matrix, got {aRowMajor.Length}.", nameof(aRowMajor));
        }

        if (n == 0)
        {
            return new SpectralRadiusEstimate(0, 0, "empty matrix", 0);
        }

        if (maxIterations <= 0)
        {
            // Budget about 2e8 multiply-adds: milliseconds for WIOD (56), about a second at worst for USEEIO (411).
            maxIterations = (int)Math.Clamp(2e8 / ((double)n * n), 200, 20000);
        }

        var abs = new double[n * n];
        for (int k = 0; k < abs.Length; k++)
        {
            abs[k] = Math.Abs(aRowMajor[k]);
        }

        return CollatzWielandt(n, (v, w) =>
        {
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> row = abs.AsSpan(i * n, n);
                double s = v[i];
                for (int j = 0; j < n; j++)
                {
                    s += row[j] * v[j];
                }

                w[i] = s;
            }
        }, maxIterations, 1.0);
    }

    /// <summary>Power iteration on (|A| + I) given as <paramref name="applyShifted"/> (w = (|A| + I) v), tracking the
    /// Collatz-Wielandt bounds of |A|; stops when they are tight, or when the upper bound is below the bound and no
    /// longer improves.</summary>
    private static SpectralRadiusEstimate CollatzWielandt(int n, Action<double[], double[]> applyShifted, int maxIterations, double bound)
    {
        if (n == 0)
        {
            return new SpectralRadiusEstimate(0, 0, "empty matrix", 0);
        }

        var v = new double[n];
        var w = new double[n];
        Array.Fill(v, 1.0);
        double upper = double.PositiveInfinity;
        double lower = 0;
        int it = 0;
        double previousUpper = double.PositiveInfinity;
        for (; it < maxIterations; it++)
        {
            applyShifted(v, w);
            double maxRatio = 0;
            double minRatio = double.PositiveInfinity;
            double maxW = 0;
            for (int i = 0; i < n; i++)
            {
                double ratio = w[i] / v[i];
                maxRatio = Math.Max(maxRatio, ratio);
                minRatio = Math.Min(minRatio, ratio);
                maxW = Math.Max(maxW, w[i]);
            }

            upper = Math.Min(upper, maxRatio - 1.0);
            lower = Math.Max(lower, minRatio - 1.0);
            for (int i = 0; i < n; i++)
            {
                // Any positive vector gives valid bounds, so a floor against underflow costs no rigour.
                v[i] = Math.Max(w[i] / maxW, 1e-200);
            }

            // A radius certified at or above the bound is refined further: the refusal message reports it.
            if (upper - lower <= 1e-10 * Math.Max(upper, 1e-300))
            {
                it++;
                break;
            }

            // The upper bound decreases monotonically; once it is below the bound and barely moves, the certificate
            // and a 9-digit estimate are in hand (for reducible matrices the lower bound never closes the gap).
            if (it > 20 && upper < bound && previousUpper - upper <= 1e-10 * upper)
            {
                it++;
                break;
            }

            previousUpper = upper;
        }

        return new SpectralRadiusEstimate(Math.Max(lower, 0), Math.Max(upper, 0), "Collatz-Wielandt bounds from power iteration on |A| + I", it);
    }

    /// <summary>rho(A) as the largest eigenvalue modulus from a dense eigen-decomposition (MathNet). O(n^3).</summary>
    public static double ByEigenvalues(ReadOnlySpan<double> aRowMajor, int n)
    {
        if (aRowMajor.Length != n * n)
        {
            throw new ArgumentException($"Expected {n * n} entries for a {n} x {n} matrix, got {aRowMajor.Length}.", nameof(aRowMajor));
        }

        if (n == 0)
        {
            return 0;
        }

        var copy = aRowMajor.ToArray();
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => copy[i * n + j]);
        var evd = m.Evd();
        return evd.EigenValues.Max(z => z.Magnitude);
    }

    /// <summary>
    /// Certifies rho(A) &lt; 1 cheaply when possible (bounds on |A|); when |A| is inconclusive, which can happen
    /// only if A has negative entries, falls back to eigenvalues for n up to <paramref name="maxEigenDimension"/>.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of the matrix; no call can bind to two of them.")]
    public static SpectralRadiusEstimate Certify(ReadOnlySpan<double> aRowMajor, int n, double limit = 1.0, int maxEigenDimension = 1500)
    {
        var bound = BoundAbsolute(aRowMajor, n);
        if (bound.Upper < limit || (bound.Lower >= limit && !HasNegative(aRowMajor)))
        {
            return bound;
        }

        if (n <= maxEigenDimension)
        {
            double rho = ByEigenvalues(aRowMajor, n);
            return new SpectralRadiusEstimate(rho, rho, "eigenvalues of A (MathNet dense EVD), since the bound on |A| was inconclusive", 0);
        }

        return bound;
    }

    private static bool HasNegative(ReadOnlySpan<double> a)
    {
        foreach (double v in a)
        {
            if (v < 0)
            {
                return true;
            }
        }

        return false;
    }
}
