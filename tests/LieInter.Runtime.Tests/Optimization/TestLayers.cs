using LieInter.Optimization;
using MathNet.Numerics.LinearAlgebra;

namespace LieInter.Tests.Optimization;

/// <summary>
/// A synthetic equilibrium layer with a distributed multiplicative intervention on every sector:
/// x = diag(e^u) (A x + y), so x*(u) = (I - diag(e^u) A)^-1 diag(e^u) y, solved directly. The gradient comes from the
/// adjoint formula: with D = diag(e^u), dx* = (I - D A)^-1 diag(D (A x + y)) du = (I - D A)^-1 diag(x) du, so
/// (dx*/du)^T xBar = x ∘ w with (I - A^T D) w = xBar, and the whole sensitivity matrix is (I - D A)^-1 diag(x).
/// </summary>
internal sealed class MultiplicativeLeontiefLayer : ISensitivityLayer
{
    private readonly Matrix<double> _a;
    private readonly Vector<double> _y;
    private Matrix<double>? _system;
    private double[] _x = [];

    public MultiplicativeLeontiefLayer(double[,] a, double[] y)
    {
        _a = Matrix<double>.Build.DenseOfArray(a);
        _y = Vector<double>.Build.DenseOfArray(y);
    }

    public int StateDimension => _y.Count;

    public int ControlDimension => _y.Count;

    public int Solves { get; private set; }

    public int Adjoints { get; private set; }

    public int Factorizations { get; private set; }

    public void ResetCounters() => Solves = Adjoints = Factorizations = 0;

    public bool TrySensitivities(Span<double> stateByControl, out string? problem)
    {
        Factorizations++;
        int n = _x.Length;
        var s = _system!.LU().Solve(Matrix<double>.Build.DenseOfDiagonalArray(_x));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                stateByControl[(i * n) + j] = s[i, j];
            }
        }

        problem = null;
        return true;
    }

    public bool TrySolve(ReadOnlySpan<double> u, Span<double> state)
    {
        Solves++;
        int n = _y.Count;
        var m = Matrix<double>.Build.DenseIdentity(n);
        var rhs = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++)
        {
            double alpha = Math.Exp(u[i]);
            rhs[i] = alpha * _y[i];
            for (int j = 0; j < n; j++)
            {
                m[i, j] -= alpha * _a[i, j];
            }
        }

        _system = m;
        var x = m.LU().Solve(rhs);
        _x = x.ToArray();
        foreach (double v in _x)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        _x.CopyTo(state);
        return true;
    }

    public void Backpropagate(ReadOnlySpan<double> stateCotangent, Span<double> controlGradient)
    {
        Adjoints++;
        var w = _system!.Transpose().LU().Solve(Vector<double>.Build.DenseOfArray(stateCotangent.ToArray()));
        for (int i = 0; i < _x.Length; i++)
        {
            controlGradient[i] = _x[i] * w[i];
        }
    }

    /// <summary>A random productive economy: nonnegative A with column sums <paramref name="columnSum"/>, positive y.</summary>
    public static MultiplicativeLeontiefLayer Random(int n, int seed, double columnSum = 0.4)
    {
        var rng = new Random(seed);
        var a = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                a[i, j] = rng.NextDouble();
                s += a[i, j];
            }

            for (int i = 0; i < n; i++)
            {
                a[i, j] *= columnSum / s;
            }
        }

        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = 1.0 + rng.NextDouble();
        }

        return new MultiplicativeLeontiefLayer(a, y);
    }
}

/// <summary>An affine "equilibrium" x = B u + x0 (exact gradient B^T xBar), to run objective pieces on problems with
/// known minimisers.</summary>
internal sealed class LinearLayer : IEquilibriumLayer
{
    private readonly double[,] _b;
    private readonly double[] _offset;

    public LinearLayer(double[,] b, double[]? offset = null)
    {
        _b = b;
        _offset = offset ?? new double[b.GetLength(0)];
    }

    public int StateDimension => _b.GetLength(0);

    public int ControlDimension => _b.GetLength(1);

    public int Solves { get; private set; }

    public bool TrySolve(ReadOnlySpan<double> u, Span<double> state)
    {
        Solves++;
        for (int i = 0; i < StateDimension; i++)
        {
            double s = _offset[i];
            for (int j = 0; j < ControlDimension; j++)
            {
                s += _b[i, j] * u[j];
            }

            state[i] = s;
        }

        return true;
    }

    public void Backpropagate(ReadOnlySpan<double> stateCotangent, Span<double> controlGradient)
    {
        for (int j = 0; j < ControlDimension; j++)
        {
            double s = 0;
            for (int i = 0; i < StateDimension; i++)
            {
                s += _b[i, j] * stateCotangent[i];
            }

            controlGradient[j] = s;
        }
    }
}

internal static class TestFunctions
{
    /// <summary>Extended Rosenbrock sum_{i even} 100 (u_{i+1} - u_i^2)^2 + (1 - u_i)^2, minimum 0 at all ones.</summary>
    public static double Rosenbrock(ReadOnlySpan<double> u, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 0; i + 1 < u.Length; i += 2)
        {
            double a = u[i + 1] - u[i] * u[i];
            double b = 1 - u[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * a * u[i] - 2 * b;
            g[i + 1] += 200 * a;
        }

        return f;
    }

    /// <summary>A random symmetric positive-definite matrix with eigenvalues spread over [1, condition].</summary>
    public static double[,] SpdMatrix(int n, double condition, int seed)
    {
        var rng = new Random(seed);
        var q = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5).QR().Q;
        var d = Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, n).Select(i => Math.Pow(condition, i / (double)(n - 1))).ToArray());
        return (q * d * q.Transpose()).ToArray();
    }

    public static double Quadratic(double[,] a, double[] b, ReadOnlySpan<double> u, Span<double> g)
    {
        // f = 1/2 u^T A u - b^T u
        int n = b.Length;
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += a[i, j] * u[j];
            }

            g[i] = s - b[i];
            f += 0.5 * u[i] * s - b[i] * u[i];
        }

        return f;
    }

    public static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Math.Abs(a[i] - b[i]));
        }

        return m;
    }
}
