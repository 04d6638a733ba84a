using LieInter.Equilibrium;

namespace LieInter.Solvers;

/// <summary>
/// Anderson acceleration (Walker and Ni 2011, type II) with a relatively scaled regularisation, a safeguard that
/// rejects steps raising the residual, restarts when the difference history becomes ill-conditioned, and the
/// common stopping tests (convergence, iteration limit, divergence, NaN, stagnation, cancellation).
/// </summary>
/// <remarks>Per iteration: one evaluation of f plus O(m n) work (the normal matrix is updated incrementally).
/// Nothing is allocated after the first iteration.</remarks>
public sealed class AndersonAcceleration : IFixedPointSolver
{
    public AndersonAcceleration(AndersonOptions? options = null)
    {
        Options = options ?? new AndersonOptions();
        if (Options.Memory < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Memory, "Anderson memory must be at least 1.");
        }
    }

    public AndersonOptions Options { get; }

    public string Name => Options.SafeguardFactor is null && !Options.RelativeRegularization
        ? $"Anderson (difference form, m = {Options.Memory}, beta = {Options.Mixing}, reg = {Options.Regularization})"
        : $"Anderson (m = {Options.Memory}, beta = {Options.Mixing})";

    // Optimised at the first call: the first solves of a process otherwise iterate in unoptimised code, which also
    // misleads the policy's measured cost per iteration.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool TrySolve(IFixedPointMap map, Span<double> x, SolverOptions options, out SolveReport report)
    {
        int n = x.Length;
        int m = Options.Memory;
        double beta = Options.Mixing;
        var monitor = new SolveMonitor(SolverKind.Anderson, Name, options);

        var fx = new double[n];
        var g = new double[n];        // g_k = f(x_k) - x_k
        var gPrev = new double[n];
        var xPrev = new double[n];
        var dX = new double[m * n];   // circular columns
        var dG = new double[m * n];
        var h = new double[m * m];    // dG^T dG
        var rhs = new double[m];
        var gamma = new double[m];
        var chol = new double[m * m];
        int count = 0, head = 0;      // number of stored columns, index of the newest
        int rejections = 0, restarts = 0;
        double gPrevNorm = double.NaN;

        // dG is stored times a power of two fixed at the first residual, so that dG^T dG cannot overflow or underflow
        // for large or tiny problems (x ~ 1e300 is finite, its squares are not). Powers of two scale exactly: gamma and
        // every iterate are bit for bit what they are unscaled.
        double scale = double.NaN, unscale = double.NaN;

        while (true)
        {
            map.Evaluate(x, fx);
            monitor.FunctionEvaluations++;
            double gNorm = Vec.Difference(fx, x, g), xNorm = Vec.Norm(x);
            if (double.IsNaN(scale) && double.IsFinite(gNorm) && double.IsFinite(xNorm))
            {
                int exponent = Math.ILogB(Math.Max(Math.Max(gNorm, xNorm), double.Epsilon));
                scale = Math.ScaleB(1.0, -exponent);
                unscale = Math.ScaleB(1.0, exponent);
            }

            // Safeguard: an accelerated step that raised the residual is replaced by a plain mixing step.
            if (Options.SafeguardFactor is { } factor && monitor.Iterations > 0 && double.IsFinite(gPrevNorm)
                && (gNorm > factor * gPrevNorm || !double.IsFinite(gNorm)) && count > 0)
            {
                rejections++;
                if (monitor.Iterations >= options.MaxIterations)
                {
                    // The budget is spent: return the previous, better iterate instead of taking one more step.
                    xPrev.CopyTo(x);
                    monitor.Observe(gPrevNorm, Vec.Norm(x));
                    report = monitor.Report(SolveExitReason.IterationLimit, Detail());
                    return false;
                }

                count = 0;
                for (int i = 0; i < n; i++)
                {
                    x[i] = xPrev[i] + beta * gPrev[i];
                }

                monitor.Iterations++;
                if (monitor.Iterations >= options.MaxIterations)
                {
                    map.Evaluate(x, fx);
                    monitor.FunctionEvaluations++;
                    monitor.Observe(Vec.Difference(fx, x, g), Vec.Norm(x));
                    report = monitor.Report(SolveExitReason.IterationLimit, Detail());
                    return false;
                }

                continue;
            }

            var stop = monitor.Observe(gNorm, xNorm);
            if (stop is { } reason)
            {
                report = monitor.Report(reason, Detail());
                return reason == SolveExitReason.Converged;
            }

            // Append the newest differences dX = x_k - x_{k-1}, dG = g_k - g_{k-1}.
            if (monitor.Iterations > 0)
            {
                head = (head + 1) % m;
                var colX = dX.AsSpan(head * n, n);
                var colG = dG.AsSpan(head * n, n);
                for (int i = 0; i < n; i++)
                {
                    colX[i] = x[i] - xPrev[i];
                    colG[i] = (g[i] - gPrev[i]) * scale;
                }

                if (count < m)
                {
                    count++;
                }

                // Update row/column 'head' of dG^T dG.
                for (int c = 0; c < count; c++)
                {
                    int col = (head - c + m) % m;
                    double d = Vec.Dot(colG, dG.AsSpan(col * n, n));
                    h[head * m + col] = d;
                    h[col * m + head] = d;
                }
            }

            x.CopyTo(xPrev);
            g.CopyTo(gPrev);
            gPrevNorm = gNorm;

            // Least squares: (dG^T dG + lambda I) gamma = dG^T g, dropping the oldest columns while ill-conditioned.
            int used = count;
            while (used > 0)
            {
                if (SolveNormalEquations(dG, h, g, scale, n, m, head, used, rhs, gamma, chol))
                {
                    break;
                }

                used--;
                restarts++;
            }

            count = used;
            for (int i = 0; i < n; i++)
            {
                x[i] += beta * g[i];
            }

            for (int c = 0; c < used; c++)
            {
                int col = (head - c + m) % m;
                double gc = gamma[c];
                if (gc == 0)
                {
                    continue;
                }

                var colX = dX.AsSpan(col * n, n);
                var colG = dG.AsSpan(col * n, n);
                for (int i = 0; i < n; i++)
                {
                    x[i] -= gc * (colX[i] + beta * (colG[i] * unscale));
                }
            }

            monitor.Iterations++;
        }

        string? Detail() => rejections + restarts == 0 ? null : $"{rejections} safeguarded steps, {restarts} restarts";
    }

    /// <summary>Solves the regularised normal equations over the <paramref name="used"/> newest columns by Cholesky.
    /// Returns false when a pivot is too small relative to the diagonal (an ill-conditioned history).</summary>
    private bool SolveNormalEquations(double[] dG, double[] h, double[] g, double scale, int n, int m, int head, int used, double[] rhs, double[] gamma, double[] chol)
    {
        double trace = 0;
        for (int c = 0; c < used; c++)
        {
            int col = (head - c + m) % m;
            trace += h[col * m + col];
            rhs[c] = Vec.Dot(dG.AsSpan(col * n, n), g) * scale;
        }

        // An absolute regularisation is scaled with the Gram matrix (by scale^2, exactly), so it means the same at any size.
        double lambda = Options.RelativeRegularization ? Options.Regularization * trace : Options.Regularization * scale * scale;
        double maxDiag = 0;
        for (int a = 0; a < used; a++)
        {
            int ca = (head - a + m) % m;
            for (int b = 0; b <= a; b++)
            {
                int cb = (head - b + m) % m;
                chol[a * m + b] = h[ca * m + cb] + (a == b ? lambda : 0);
            }

            maxDiag = Math.Max(maxDiag, chol[a * m + a]);
        }

        // In-place Cholesky (lower triangle).
        for (int a = 0; a < used; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = chol[a * m + b];
                for (int k = 0; k < b; k++)
                {
                    s -= chol[a * m + k] * chol[b * m + k];
                }

                if (a == b)
                {
                    if (!(s > Options.RestartConditioning * maxDiag) || !(s > 0))
                    {
                        return false;
                    }

                    chol[a * m + a] = Math.Sqrt(s);
                }
                else
                {
                    chol[a * m + b] = s / chol[b * m + b];
                }
            }
        }

        for (int a = 0; a < used; a++)
        {
            double s = rhs[a];
            for (int k = 0; k < a; k++)
            {
                s -= chol[a * m + k] * gamma[k];
            }

            gamma[a] = s / chol[a * m + a];
        }

        for (int a = used - 1; a >= 0; a--)
        {
            double s = gamma[a];
            for (int k = a + 1; k < used; k++)
            {
                s -= chol[k * m + a] * gamma[k];
            }

            gamma[a] = s / chol[a * m + a];
        }

        return true;
    }
}
