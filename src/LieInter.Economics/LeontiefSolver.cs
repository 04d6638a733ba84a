using LieInter.Solvers;

namespace LieInter.Economics;

/// <summary>
/// Direct solves with the Leontief matrix I - A through one LU factorisation (the runtime's <see cref="DenseLu"/>:
/// LAPACK where it loads, partial pivoting): quantities x = (I - A)^-1 y and prices p = (I - A^T)^-1 v, both from the
/// same factors. The factorisation is computed on first use and reused.
/// </summary>
public sealed class LeontiefSolver
{
    private readonly int _n;
    private readonly double[] _leontief;
    private readonly Lazy<DenseLu> _lu;

    public LeontiefSolver(ReadOnlySpan<double> aRowMajor, int n)
    {
        if (aRowMajor.Length != n * n)
        {
            throw new ArgumentException($"Expected {n * n} coefficients for {n} sectors, got {aRowMajor.Length}.", nameof(aRowMajor));
        }

        _n = n;
        _leontief = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                _leontief[i * n + j] = (i == j ? 1.0 : 0.0) - aRowMajor[i * n + j];
            }
        }

        _lu = new Lazy<DenseLu>(() => new DenseLu(_leontief, n));
    }

    public int SectorCount => _n;

    /// <summary>Gross output x solving (I - A) x = y.</summary>
    public double[] SolveQuantities(ReadOnlySpan<double> finalDemand) => Solve(finalDemand, transposed: false, "final demand");

    /// <summary>Prices p solving (I - A^T) p = v, where v is primary input cost (value added) per unit of output.</summary>
    public double[] SolvePrices(ReadOnlySpan<double> valueAddedPerUnit) => Solve(valueAddedPerUnit, transposed: true, "value added per unit");

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
                s += _leontief[i * _n + j] * x[j];
            }

            worst = Math.Max(worst, Math.Abs(s - y[i]));
            scale = Math.Max(scale, Math.Max(Math.Abs(y[i]), Math.Abs(x[i])));
        }

        return scale == 0 ? worst : worst / scale;
    }

    private double[] Solve(ReadOnlySpan<double> rhs, bool transposed, string what)
    {
        if (rhs.Length != _n)
        {
            throw new ArgumentException($"The {what} vector has {rhs.Length} entries; the table has {_n} sectors.");
        }

        var lu = _lu.Value;
        if (lu.IsSingular)
        {
            throw new InvalidOperationException($"The Leontief matrix I - A is singular to working precision (pivot ratio {lu.PivotRatio.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)}); there is no unique solution.");
        }

        var x = rhs.ToArray();
        if (transposed)
        {
            lu.SolveTransposed(x);
        }
        else
        {
            lu.Solve(x);
        }

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
