using System.Globalization;
using LieInter.Equilibrium;

namespace LieInter.Solvers;

/// <summary>
/// How well a converged solve determines x. The residual test bounds ||x - f(x)||, not the error in x: near x* the
/// error is about ||(I - J)^{-1}|| ||r|| = ||r|| / sigma_min(I - J). At a root where f' = 1 a residual of 1e-11
/// leaves an error of 3e-6. The estimate needs an LU of I - J at x: the direct path has one; for other methods one is
/// made when the system is small (<see cref="FactoriseUpTo"/>): an LU of 32 unknowns costs about what a solve of
/// them does, one of 128 several solves.
/// </summary>
internal static class SolutionConditioning
{
    /// <summary>Largest order for which a converged iterative solve factorises I - J only to estimate its error.</summary>
    public const int FactoriseUpTo = 32;

    /// <summary>Inverse power steps on (M^T M)^{-1}: a lower bound on 1/sigma_min that is within a small factor after
    /// a few steps, which is all a warning needs.</summary>
    private const int Steps = 3;

    /// <summary>Attaches to a converged report its error estimate, worked out when first read (three pairs of
    /// triangular solves: a solve whose report nobody reads pays only for the LU check). <paramref name="lu"/>, when
    /// given, is I - J at x; otherwise one is made when x is small.</summary>
    /// <returns>The LU used, when one was at hand or made (null when x is too large for one): a singular one means
    /// the point is no isolated equilibrium, which the caller reports.</returns>
    public static DenseLu? Assess(IJacobianRows rows, ReadOnlySpan<double> x, SolveReport report, SolverOptions options, DenseLu? lu)
    {
        int n = x.Length;
        if (!report.Converged || n == 0 || (lu is null && n > FactoriseUpTo))
        {
            return lu;
        }

        lu ??= DirectAffineSolver.Factorise(rows, x, n);
        if (!lu.IsSingular)
        {
            report.Conditioning = new Estimate(lu, report.ResidualNorm, report.Threshold, options.ErrorAmplificationLimit);
        }

        return lu;
    }

    /// <summary>The error estimate of one converged report, computed once on first use.</summary>
    internal sealed class Estimate
    {
        private readonly DenseLu _lu;
        private readonly double _residual;
        private readonly double _threshold;
        private readonly double _limit;
        private (double Error, string? Warning)? _value;

        public Estimate(DenseLu lu, double residual, double threshold, double limit)
        {
            _lu = lu;
            _residual = residual;
            _threshold = threshold;
            _limit = limit;
        }

        public double Error => Value.Error;

        public string? Warning => Value.Warning;

        private (double Error, string? Warning) Value => _value ??= Compute();

        private (double, string?) Compute()
        {
            double inverseNorm = InverseNorm(_lu);
            double error = _residual * inverseNorm;
            if (error <= _limit * _threshold)
            {
                return (error, null);
            }

            var c = CultureInfo.InvariantCulture;
            return (error, $"ill-determined: estimated error in x {error.ToString("E2", c)} (residual {_residual.ToString("E2", c)} / sigma_min(I - J) {(1 / inverseNorm).ToString("E2", c)}) exceeds {_limit.ToString("G3", c)} x the threshold {_threshold.ToString("E2", c)}");
        }
    }

    /// <summary>||(I - J)^{-1}||_2 estimated by power iteration on (M^T M)^{-1} = M^{-1} M^{-T}.</summary>
    private static double InverseNorm(DenseLu lu)
    {
        int n = lu.N;
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = 1.0 + (0.5 * Math.Sin(i + 1)); // fixed, not orthogonal to any simple vector
        }

        Normalise(v, Vec.Norm(v));
        double estimate = 0;
        for (int k = 0; k < Steps; k++)
        {
            lu.SolveTransposed(v);
            lu.Solve(v);
            double norm = Vec.Norm(v);
            if (!(norm > 0) || !double.IsFinite(norm))
            {
                return double.PositiveInfinity;
            }

            estimate = Math.Sqrt(norm);
            Normalise(v, norm);
        }

        return estimate;
    }

    private static void Normalise(Span<double> v, double norm)
    {
        for (int i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }
    }
}
