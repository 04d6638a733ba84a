using System.Diagnostics;

namespace LieInter.Solvers;

/// <summary>
/// The default policy's choice between iterating on and factorising, made on measured cost rather than on a fixed
/// dimension threshold: the time of a dense LU of I - J, from a flop rate calibrated once per process by timing one
/// factorisation, against the projected time of the running iterative method, from its own measured time per
/// iteration and its recent convergence rate. Counting the linear solves that follow (an adjoint after a solve
/// for a gradient) matters: an LU serves them at the price of two triangular solves, an iterative method pays again.
/// </summary>
internal static class DirectCost
{
    private const int CalibrationSize = 320;

    private const double Margin = 1.5;

    private const int MinimumIterations = 10;

    private static readonly Lazy<double> FlopRate = new(Calibrate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Estimated seconds to factorise an n x n matrix (2/3 n^3 flops at the calibrated rate).</summary>
    public static double FactorSeconds(int n) => 2.0 / 3.0 * n * (double)n * n / FlopRate.Value;

    /// <summary>
    /// A <see cref="SolverOptions.Supersede"/> hook for an iterative method on a factorisable n x n problem: true once
    /// the iterations still needed for this solve, plus <paramref name="followingSolves"/> solves as long as this one,
    /// are projected to take longer than assembling and factorising I - J now.
    /// </summary>
    public static Func<int, double, double, TimeSpan, bool> Guard(int n, double followingSolves)
    {
        var residuals = new List<double>();
        double factor = double.NaN, last = 0, perIteration = double.PositiveInfinity;
        return (_, residual, threshold, elapsed) =>
        {
            residuals.Add(residual);
            int c = residuals.Count;

            // The fastest iteration so far: the first ones of a process also pay for compiling the code.
            double now = elapsed.TotalSeconds;
            if (c > 1)
            {
                perIteration = Math.Min(perIteration, now - last);
            }

            // Ten iterations before judging: the first ones of a fresh problem run several times slower (cold
            // caches and pages), and a wrong switch costs a whole factorisation where waiting costs a few products.
            last = now;
            if (c < MinimumIterations)
            {
                return false;
            }

            // Geometric rate over the last four iterations (Anderson's residuals are not monotone step by step).
            double rate = Math.Pow(residual / residuals[c - 5], 0.25);
            double remaining = rate < 1 ? Math.Log(threshold / residual) / Math.Log(rate) : double.PositiveInfinity;
            double iterative = perIteration * (remaining + followingSolves * (c + remaining));
            if (double.IsNaN(factor))
            {
                factor = FactorSeconds(n);
            }

            // Assembling I - J from Jacobian rows costs about as much as a few evaluations of f. Switch only on a
            // clear margin: both sides are estimates, and a wrong switch costs a whole factorisation.
            return iterative > Margin * (factor + 3 * perIteration);
        };
    }

    private static double Calibrate()
    {
        int n = CalibrationSize;
        var m = new double[n * n];
        var r = new Random(20261204);
        for (int k = 0; k < m.Length; k++)
        {
            m[k] = r.NextDouble();
        }

        for (int i = 0; i < n; i++)
        {
            m[i * n + i] += n;
        }

        double best = double.PositiveInfinity;
        for (int rep = 0; rep < 3; rep++)
        {
            var clock = Stopwatch.StartNew();
            _ = new DenseLu(m, n);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return 2.0 / 3.0 * n * (double)n * n / Math.Max(best, 1e-9);
    }
}
