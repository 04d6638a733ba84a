using LieInter.Equilibrium;

namespace LieInter.Solvers;

/// <summary>
/// The Anderson acceleration the paper ran, ported exactly from its reference code (<c>anderson</c> in
/// <c>code/deepeq.py</c> of mbesserve/lie-inter, itself the DEQ tutorial's solver of Bai, Kolter and Koltun): the
/// constrained form. Each step minimises ||sum_i alpha_i G_i||^2 + lambda ||alpha||^2 subject to sum_i alpha_i = 1
/// over the residuals G_i = f(x_i) - x_i themselves, through the bordered (n+1) x (n+1) system
/// [[0, 1^T], [1, G G^T + lambda I]] [mu; alpha] = [1; 0], and sets x = beta sum alpha_i f(x_i) +
/// (1 - beta) sum alpha_i x_i. It starts from x0, f(x0) and f(f(x0)); the budget
/// (<see cref="SolverOptions.MaxIterations"/>, the reference's max_iter) counts evaluations of f, two of them for
/// the start. This is not <see cref="AndersonAcceleration"/> with <see cref="AndersonOptions.DifferenceForm"/>,
/// which regularises the step over residual differences and behaves differently once ||G||^2 falls below lambda.
/// </summary>
/// <remarks>The tolerances of <see cref="SolverOptions"/> are not used: the stopping rule is the reference's
/// (<see cref="PaperAndersonOptions.Tolerance"/>). The report's residual is ||f(x) - x|| of the returned iterate and
/// its threshold tol (1e-5 + ||f(x)||), so that the report reads like the other solvers'.</remarks>
public sealed class PaperAnderson : IFixedPointSolver
{
    public PaperAnderson(PaperAndersonOptions? options = null)
    {
        Options = options ?? new PaperAndersonOptions();
        if (Options.Memory < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Memory, "The paper's Anderson needs a memory of at least 2 (it starts from two iterates).");
        }
    }

    public PaperAndersonOptions Options { get; }

    public string Name => $"paper's Anderson (constrained form, m = {Options.Memory}, lambda = {Options.Regularization:G3}, beta = {Options.Mixing:G3})";

    public bool TrySolve(IFixedPointMap map, Span<double> x, SolverOptions options, out SolveReport report)
    {
        int d = x.Length, m = Options.Memory, budget = options.MaxIterations;
        if (budget < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(options), budget, "The paper's Anderson needs a budget (max_iter) of at least 3: two evaluations start it.");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var xs = new double[m][];
        var fs = new double[m][];
        for (int i = 0; i < m; i++)
        {
            xs[i] = new double[d];
            fs[i] = new double[d];
        }

        x.CopyTo(xs[0]);
        map.Evaluate(xs[0], fs[0]);
        fs[0].CopyTo(xs[1], 0);
        map.Evaluate(xs[1], fs[1]);
        int evaluations = 2;

        var g = new double[m][];
        for (int i = 0; i < m; i++)
        {
            g[i] = new double[d];
        }

        var h = new double[(m + 1) * (m + 1)];
        var rhs = new double[m + 1];
        var history = new List<double>();
        int k = 2, newest = 1;
        double residual = double.NaN, relative = double.NaN, threshold = double.NaN;
        SolveExitReason reason = SolveExitReason.IterationLimit;
        for (; k < budget; k++)
        {
            int n = Math.Min(k, m);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    g[i][j] = fs[i][j] - xs[i][j];
                }
            }

            // H = [[0, 1^T], [1, G G^T + lambda I]], rhs = e_0: alpha = solution[1..n].
            int size = n + 1;
            var bordered = h.AsSpan(0, size * size);
            bordered[0] = 0;
            for (int i = 1; i < size; i++)
            {
                bordered[i] = 1;
                bordered[i * size] = 1;
                for (int j = 1; j < size; j++)
                {
                    bordered[i * size + j] = Vec.Dot(g[i - 1], g[j - 1]) + (i == j ? Options.Regularization : 0);
                }
            }

            // LU with partial pivoting, as torch.linalg.solve (LAPACK gesv) does, and no relative singularity test:
            // the border of ones and G G^T differ in scale by ||G||^2. Only an exactly zero pivot stops the run.
            Array.Clear(rhs);
            rhs[0] = 1;
            var lu = new DenseLu(bordered, size);
            if (lu.PivotRatio == 0)
            {
                reason = SolveExitReason.NotANumber;
                break;
            }

            lu.Solve(rhs.AsSpan(0, size));

            int slot = k % m;
            var xNew = xs[slot];
            var fNew = fs[slot];

            // The slot being overwritten is one of the n combined when k >= m: combine into scratch first.
            var combined = g[0];
            Array.Clear(combined);
            double beta = Options.Mixing;
            for (int i = 0; i < n; i++)
            {
                double a = rhs[i + 1];
                for (int j = 0; j < d; j++)
                {
                    combined[j] += a * (beta * fs[i][j] + (1 - beta) * xs[i][j]);
                }
            }

            combined.CopyTo(xNew, 0);
            map.Evaluate(xNew, fNew);
            evaluations++;
            newest = slot;
            residual = Vec.Difference(fNew, xNew, g[0]);
            double scale = 1e-5 + Vec.Norm(fNew);
            relative = residual / scale;
            threshold = Options.Tolerance * scale;
            if (options.RecordHistory)
            {
                history.Add(residual);
            }

            if (!double.IsFinite(residual))
            {
                reason = SolveExitReason.NotANumber;
                k++;
                break;
            }

            if (relative < Options.Tolerance)
            {
                reason = SolveExitReason.Converged;
                k++;
                break;
            }

            if (options.CancellationToken.IsCancellationRequested)
            {
                reason = SolveExitReason.Cancelled;
                k++;
                break;
            }
        }

        xs[newest].CopyTo(x);
        double norm = Vec.Norm(xs[newest]);
        report = new SolveReport
        {
            Kind = SolverKind.PaperAnderson,
            Solver = Name,
            Converged = reason == SolveExitReason.Converged,
            ExitReason = reason,
            Iterations = k - 2,
            ResidualNorm = residual,
            RelativeResidual = norm > 0 ? residual / norm : residual,
            Threshold = threshold,
            ResidualHistory = history,
            Elapsed = clock.Elapsed,
            FunctionEvaluations = evaluations,
            Message = $"stopping rule ||f(x) - x|| / (1e-5 + ||f(x)||) = {relative:E3} against tol {Options.Tolerance:G3}",
        };
        return report.Converged;
    }
}
