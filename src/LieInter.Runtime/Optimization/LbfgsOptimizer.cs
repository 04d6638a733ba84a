using System.Diagnostics;
using LieInter.Solvers;

namespace LieInter.Optimization;

/// <summary>
/// Limited-memory BFGS with simple bounds, in the manner of L-BFGS-B: a compact limited-memory model, the
/// generalised Cauchy point along the projected gradient path (which can fix many variables at their bounds in
/// one iteration and release them again), subspace minimisation over the free variables, and a More-Thuente line
/// search satisfying the strong Wolfe conditions along the resulting feasible direction, capped at the first
/// bound. Without bounds the direction is the usual L-BFGS direction. Stops on the projected gradient norm,
/// relative objective progress, or the iteration or evaluation budget, and reports which.
/// </summary>
/// <remarks>When the line search fails the memory is discarded and the iteration retried from a steepest-descent
/// model; a second failure ends the run with <see cref="OptimizationExitReason.LineSearchFailure"/>. Every
/// evaluated point lies in the box. A non-finite value at a trial point shortens the step.</remarks>
public sealed class LbfgsOptimizer
{
    private const double LineSearchStepTolerance = 0.1;
    private const double UnboundedMaxStep = 1e10;

    public LbfgsOptimizer(LbfgsOptions? options = null)
    {
        Options = options ?? new LbfgsOptions();
        Options.Validate();
    }

    public LbfgsOptions Options { get; }

    /// <summary>Minimises <paramref name="function"/> from <paramref name="initial"/> (projected into the box first).</summary>
    public OptimizationResult Minimize(IDifferentiableFunction function, ReadOnlySpan<double> initial, BoxBounds? bounds = null)
    {
        var x = OptimizerStart.Prepare(function, initial, ref bounds);
        int n = x.Length;
        var stopwatch = Stopwatch.StartNew();
        var surrogate = function as ISurrogateFunction;
        ReadOnlySpan<double> lower = bounds.Lower;
        ReadOnlySpan<double> upper = bounds.Upper;

        var g = new double[n];
        var xTrial = new double[n];
        var gTrial = new double[n];
        var xBest = new double[n];
        var gBest = new double[n];
        var xbar = new double[n];
        var d = new double[n];
        var s = new double[n];
        var y = new double[n];
        var history = new List<double>();

        double f = function.Evaluate(x, g);
        int evaluations = 1;
        double exact = surrogate?.LastExactValue ?? f;
        history.Add(exact);
        if (!double.IsFinite(f) || !Vec.AllFinite(g))
        {
            return Result(OptimizationExitReason.NonFiniteObjective, 0);
        }

        var model = new CompactLbfgsModel(n, Options.Memory);
        int iterations = 0;
        double projectedGradient = bounds.ProjectedGradientNorm(x, g);
        if (projectedGradient <= Options.GradientTolerance)
        {
            return Result(OptimizationExitReason.GradientTolerance, 0);
        }

        while (true)
        {
            if (iterations >= Options.MaxIterations)
            {
                return Result(OptimizationExitReason.IterationLimit, iterations);
            }

            if (evaluations >= Options.MaxEvaluations)
            {
                return Result(OptimizationExitReason.EvaluationLimit, iterations);
            }

            model.ProposePoint(x, g, lower, upper, xbar);
            double slope = 0;
            double directionNorm = 0;
            for (int i = 0; i < n; i++)
            {
                d[i] = xbar[i] - x[i];
                slope += g[i] * d[i];
                directionNorm += d[i] * d[i];
            }

            directionNorm = Math.Sqrt(directionNorm);
            if (!(slope < 0))
            {
                if (model.Count > 0)
                {
                    model.Reset();
                    continue;
                }

                return Result(OptimizationExitReason.LineSearchFailure, iterations);
            }

            double maxStep = MaxFeasibleStep(x, d, lower, upper);
            double step = model.Count == 0 ? Math.Min(1.0, 1.0 / directionNorm) : 1.0;
            step = Math.Min(step, maxStep);

            var search = LineSearch(function, surrogate, bounds, x, f, slope, d, step, maxStep, xTrial, gTrial, xBest, gBest, ref evaluations, out double fNew, out double exactNew);
            if (!search)
            {
                if (model.Count > 0)
                {
                    model.Reset();
                    continue;
                }

                return Result(OptimizationExitReason.LineSearchFailure, iterations);
            }

            iterations++;
            for (int i = 0; i < n; i++)
            {
                s[i] = xTrial[i] - x[i];
                y[i] = gTrial[i] - g[i];
            }

            model.TryAdd(s, y);
            double fOld = f;
            Array.Copy(xTrial, x, n);
            Array.Copy(gTrial, g, n);
            f = fNew;
            exact = exactNew;
            history.Add(exact);
            projectedGradient = bounds.ProjectedGradientNorm(x, g);
            if (projectedGradient <= Options.GradientTolerance)
            {
                return Result(OptimizationExitReason.GradientTolerance, iterations);
            }

            double scale = Math.Max(Math.Max(Math.Abs(fOld), Math.Abs(f)), 1.0);
            if (fOld - f <= Options.RelativeObjectiveTolerance * scale)
            {
                return Result(OptimizationExitReason.ObjectiveProgress, iterations);
            }
        }

        OptimizationResult Result(OptimizationExitReason reason, int iterationCount) => new()
        {
            Solution = (double[])x.Clone(),
            Objective = exact,
            SurrogateObjective = f,
            Converged = reason is OptimizationExitReason.GradientTolerance or OptimizationExitReason.ObjectiveProgress,
            ExitReason = reason,
            Iterations = iterationCount,
            Evaluations = evaluations,
            ObjectiveHistory = history,
            ProjectedGradientNorm = Vec.AllFinite(g) ? bounds.ProjectedGradientNorm(x, g) : double.NaN,
            Elapsed = stopwatch.Elapsed,
        };
    }

    /// <summary>Strong Wolfe line search along d from x. On success xTrial/gTrial hold the accepted point.</summary>
    private bool LineSearch(
        IDifferentiableFunction function, ISurrogateFunction? surrogate, BoxBounds bounds,
        double[] x, double f0, double slope0, double[] d, double step, double maxStep,
        double[] xTrial, double[] gTrial, double[] xBest, double[] gBest,
        ref int evaluations, out double fAccepted, out double exactAccepted)
    {
        int n = x.Length;
        var search = default(MoreThuenteSearch);
        search.Start(step, f0, slope0, Options.SufficientDecrease, Options.CurvatureCondition, LineSearchStepTolerance, 0.0, maxStep);
        double fBest = f0;
        double exactBest = double.NaN;
        bool haveBest = false;
        int used = 0;

        while (true)
        {
            if (evaluations >= Options.MaxEvaluations || used >= Options.MaxLineSearchEvaluations)
            {
                return AcceptBest(out fAccepted, out exactAccepted);
            }

            for (int i = 0; i < n; i++)
            {
                xTrial[i] = x[i] + step * d[i];
            }

            // Steps up to maxStep stay in the box in exact arithmetic; clip the rounding.
            bounds.Project(xTrial);
            double ft = function.Evaluate(xTrial, gTrial);
            evaluations++;
            used++;
            double exactTrial = surrogate?.LastExactValue ?? ft;
            if (!double.IsFinite(ft) || !Vec.AllFinite(gTrial))
            {
                // Undefined here (for example no equilibrium): restart the search on a shorter interval.
                maxStep = 0.5 * step;
                step = maxStep;
                if (!(step > 1e-20))
                {
                    return AcceptBest(out fAccepted, out exactAccepted);
                }

                search.Start(step, f0, slope0, Options.SufficientDecrease, Options.CurvatureCondition, LineSearchStepTolerance, 0.0, maxStep);
                continue;
            }

            if (ft < fBest)
            {
                fBest = ft;
                exactBest = exactTrial;
                haveBest = true;
                Array.Copy(xTrial, xBest, n);
                Array.Copy(gTrial, gBest, n);
            }

            double slope = 0;
            for (int i = 0; i < n; i++)
            {
                slope += gTrial[i] * d[i];
            }

            var status = search.Iterate(ref step, ft, slope);
            if (status == LineSearchStatus.Converged)
            {
                fAccepted = ft;
                exactAccepted = exactTrial;
                return true;
            }

            if (status == LineSearchStatus.Warning)
            {
                return AcceptBest(out fAccepted, out exactAccepted);
            }
        }

        // Without the strong Wolfe conditions, accept the lowest point seen if it decreased f at all.
        bool AcceptBest(out double fOut, out double exactOut)
        {
            fOut = fBest;
            exactOut = exactBest;
            if (!haveBest)
            {
                return false;
            }

            Array.Copy(xBest, xTrial, n);
            Array.Copy(gBest, gTrial, n);
            return true;
        }
    }

    /// <summary>Largest t with x + t d in the box (at least 1, since x + d is feasible by construction).</summary>
    private static double MaxFeasibleStep(ReadOnlySpan<double> x, ReadOnlySpan<double> d, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        double t = UnboundedMaxStep;
        for (int i = 0; i < x.Length; i++)
        {
            if (d[i] < 0 && double.IsFinite(lower[i]))
            {
                t = Math.Min(t, (lower[i] - x[i]) / d[i]);
            }
            else if (d[i] > 0 && double.IsFinite(upper[i]))
            {
                t = Math.Min(t, (upper[i] - x[i]) / d[i]);
            }
        }

        return Math.Max(t, 1.0);
    }
}
