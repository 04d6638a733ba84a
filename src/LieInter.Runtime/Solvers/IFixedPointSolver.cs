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

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>r = a - b, returning ||r||.</summary>
    public static double Difference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> r)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            r[i] = d;
            s += d * d;
        }

        return Math.Sqrt(s);
    }

    /// <summary>y += alpha x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y) => Generated.Kernels.Axpy(alpha, x, y);

    public static bool AllFinite(ReadOnlySpan<double> a)
    {
        foreach (double v in a)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
