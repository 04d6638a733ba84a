using System.Numerics;

namespace LieInter.Solvers;

/// <summary>Dense LU factorisation with partial pivoting (row-major), reusable for solves with the matrix and its
/// transpose. Used by the direct solver for models affine in the state and by the adjoint of those models.</summary>
public sealed class DenseLu
{
    private readonly double[] _lu;
    private readonly int[] _pivot;

    /// <summary>Factorises the n x n row-major matrix <paramref name="matrix"/> (copied).</summary>
    public DenseLu(ReadOnlySpan<double> matrix, int n)
    {
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"Expected {n * n} entries for a {n} x {n} matrix, got {matrix.Length}.", nameof(matrix));
        }

        N = n;
        _lu = matrix.ToArray();
        _pivot = new int[n];
        Factorise();
    }

    public int N { get; }

    /// <summary>Smallest |U_kk| / largest |U_kk|: a cheap indicator of near-singularity (not a condition number).</summary>
    public double PivotRatio { get; private set; }

    public bool IsSingular => !(PivotRatio > 1e-15);

    private void Factorise()
    {
        int n = N;
        var a = _lu.AsSpan();
        double maxPivot = 0, minPivot = double.PositiveInfinity;
        var swap = new double[n];
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double best = Math.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * n + k]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }

            _pivot[k] = p;
            if (p != k)
            {
                var rk = a.Slice(k * n, n);
                var rp = a.Slice(p * n, n);
                rk.CopyTo(swap);
                rp.CopyTo(rk);
                swap.CopyTo(rp);
            }

            double pivot = a[k * n + k];
            maxPivot = Math.Max(maxPivot, Math.Abs(pivot));
            minPivot = Math.Min(minPivot, Math.Abs(pivot));
            if (pivot == 0)
            {
                continue;
            }

            var rowK = a.Slice(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                double l = a[i * n + k] / pivot;
                a[i * n + k] = l;
                if (l != 0)
                {
                    Axpy(-l, rowK, a.Slice(i * n + k + 1, n - k - 1));
                }
            }
        }

        PivotRatio = n == 0 ? 1 : minPivot / Math.Max(maxPivot, double.Epsilon);
    }

    /// <summary>Solves A z = b in place (b becomes z).</summary>
    public void Solve(Span<double> b)
    {
        int n = N;
        var a = _lu.AsSpan();
        for (int k = 0; k < n; k++)
        {
            int p = _pivot[k];
            if (p != k)
            {
                (b[k], b[p]) = (b[p], b[k]);
            }
        }

        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            var row = a.Slice(i * n, i);
            for (int j = 0; j < i; j++)
            {
                s -= row[j] * b[j];
            }

            b[i] = s;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < n; j++)
            {
                s -= a[i * n + j] * b[j];
            }

            b[i] = s / a[i * n + i];
        }
    }

    /// <summary>Solves A^T z = b in place.</summary>
    public void SolveTransposed(Span<double> b)
    {
        int n = N;
        var a = _lu.AsSpan();

        // U^T y = b (forward), L^T w = y (backward), then undo the row permutation.
        for (int i = 0; i < n; i++)
        {
            b[i] /= a[i * n + i];
            double bi = b[i];
            if (bi != 0)
            {
                Axpy(-bi, a.Slice(i * n + i + 1, n - i - 1), b.Slice(i + 1, n - i - 1));
            }
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double bi = b[i];
            if (bi != 0)
            {
                Axpy(-bi, a.Slice(i * n, i), b.Slice(0, i));
            }
        }

        for (int k = n - 1; k >= 0; k--)
        {
            int p = _pivot[k];
            if (p != k)
            {
                (b[k], b[p]) = (b[p], b[k]);
            }
        }
    }

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            int w = Vector<double>.Count;
            for (; i <= x.Length - w; i += w)
            {
                var vy = new Vector<double>(y.Slice(i, w));
                var vx = new Vector<double>(x.Slice(i, w));
                (vy + va * vx).CopyTo(y.Slice(i, w));
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }
}
