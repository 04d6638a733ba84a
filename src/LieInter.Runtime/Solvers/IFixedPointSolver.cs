using LieInter.Equilibrium;

namespace LieInter.Solvers;

/// <summary>A method that finds x = f(x).</summary>
public interface IFixedPointSolver
{
    string Name { get; }

    /// <summary>Iterates from the warm start in <paramref name="x"/> and leaves the last iterate there. Returns
    /// whether it converged; the report says how and how far it got either way.</summary>
    bool TrySolve(IFixedPointMap map, Span<double> x, SolverOptions options, out SolveReport report);
}

/// <summary>Vector helpers for the solvers' hot loops.</summary>
internal static class Vec
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Generated.Kernels.Dot(a, b);

    /// <summary>||a||_2 without overflow or underflow: the plain sum of squares when it is safely in range (it
    /// overflows for entries above about 1e154), else the sum of squares of a / max|a_i| (as BLAS's dnrm2 scales).</summary>
    public static double Norm(ReadOnlySpan<double> a)
    {
        double s = Dot(a, a);
        if (s > 1e-290 && s < 1e290)
        {
            return Math.Sqrt(s);
        }

        double scale = 0;
        foreach (double v in a)
        {
            scale = Math.Max(scale, Math.Abs(v));
            if (double.IsNaN(v))
            {
                return double.NaN;
            }
        }

        if (scale == 0 || double.IsInfinity(scale))
        {
            return scale;
        }

        double t = 0;
        foreach (double v in a)
        {
            double q = v / scale;
            t += q * q;
        }

        return scale * Math.Sqrt(t);
    }

    /// <summary>r = a - b, returning ||r|| (overflow-safe, see <see cref="Norm"/>).</summary>
    public static double Difference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> r)
    {
        for (int i = 0; i < a.Length; i++)
        {
            r[i] = a[i] - b[i];
        }

        return Norm(r.Slice(0, a.Length));
    }

    /// <summary>y += alpha x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y) => Generated.Kernels.Axpy(alpha, x, y);

    /// <summary>Whether every entry is finite: one SIMD pass (x * 0 is 0 for finite x and NaN otherwise, and one NaN
    /// makes the sum NaN), fast enough for a scan of every parameter.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool AllFinite(ReadOnlySpan<double> a)
    {
        int w = System.Numerics.Vector<double>.Count, i = 0;
        var acc = System.Numerics.Vector<double>.Zero;
        for (; i <= a.Length - w; i += w)
        {
            acc += new System.Numerics.Vector<double>(a.Slice(i, w)) * System.Numerics.Vector<double>.Zero;
        }

        double sum = System.Numerics.Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += a[i] * 0.0;
        }

        return sum == 0;
    }
}
