using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LieInter.Economics;

/// <summary>
/// Direct solves with the Leontief matrix I - A through one LU factorisation (MathNet, partial pivoting):
/// quantities x = (I - A)^-1 y and prices p = (I - A^T)^-1 v. The factorisations are computed once and reused.
/// </summary>
public sealed class LeontiefSolver
{
    private readonly int _n;
    private readonly Matrix<double> _leontief;
    private readonly Lazy<LU<double>> _lu;
    private readonly Lazy<LU<double>> _luTransposed;

    public LeontiefSolver(ReadOnlySpan<double> aRowMajor, int n)
    {
        if (aRowMajor.Length != n * n)
        {
            throw new ArgumentException($"Expected {n * n} coefficients for {n} sectors, got {aRowMajor.Length}.", nameof(aRowMajor));
        }

        _n = n;
        var a = aRowMajor.ToArray();
        _leontief = Matrix<double>.Build.Dense(n, n, (i, j) => (i == j ? 1.0 : 0.0) - a[i * n + j]);
        _lu = new Lazy<LU<double>>(() => _leontief.LU());
        _luTransposed = new Lazy<LU<double>>(() => _leontief.Transpose().LU());
    }

    public int SectorCount => _n;

    /// <summary>Gross output x solving (I - A) x = y.</summary>
    public double[] SolveQuantities(ReadOnlySpan<double> finalDemand) => Solve(_lu.Value, finalDemand, "final demand");

    /// <summary>Prices p solving (I - A^T) p = v, where v is primary input cost (value added) per unit of output.</summary>
    public double[] SolvePrices(ReadOnlySpan<double> valueAddedPerUnit) => Solve(_luTransposed.Value, valueAddedPerUnit, "value added per unit");

    /// <summary>Largest |((I - A) x - y)_i| relative to max(|y|_inf, |x|_inf): a check that a solve is accurate.</summary>
    public double RelativeResidual(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < _n; i++)
        {
            double s = 0;
            for (int j = 0; j < _n; j++)
            {
                s += _leontief[i, j] * x[j];
            }

            worst = Math.Max(worst, Math.Abs(s - y[i]));
            scale = Math.Max(scale, Math.Max(Math.Abs(y[i]), Math.Abs(x[i])));
        }

        return scale == 0 ? worst : worst / scale;
    }

    private double[] Solve(LU<double> lu, ReadOnlySpan<double> rhs, string what)
    {
        if (rhs.Length != _n)
        {
            throw new ArgumentException($"The {what} vector has {rhs.Length} entries; the table has {_n} sectors.");
        }

        var b = Vector<double>.Build.DenseOfArray(rhs.ToArray());
        var x = lu.Solve(b).ToArray();
        foreach (double v in x)
        {
            if (!double.IsFinite(v))
            {
                throw new InvalidOperationException("The Leontief matrix I - A is singular to working precision; the solve produced non-finite values.");
            }
        }

        return x;
    }
}
