using System.Diagnostics;

namespace LieInter.Optimization;

/// <summary>
/// Minimises a smoothed objective by continuation: solve at a wide smoothing width, then shrink the width
/// geometrically, warm-starting each stage from the previous solution (a fresh L-BFGS memory per stage, since
/// the function changed). Wide widths give a well-conditioned problem far from the solution; the final width
/// sets the accuracy.
/// </summary>
/// <remarks>
/// Accuracy: if S_w is the surrogate and F the exact objective with F - B &lt;= S_w &lt;= F (B =
/// <see cref="ISmoothableFunction.SmoothingErrorBound"/> at the final width; nonnegative weights on smoothed
/// terms), then a global minimiser u_w of S_w over the box satisfies F(u_w) &lt;= S_w(u_w) + B &lt;= S_w(u*) + B
/// &lt;= F(u*) + B for every feasible u*: the exact objective at the returned point is within B of the best
/// achievable (for non-convex problems, of the best in the basin L-BFGS converged to), plus the optimiser's own
/// stopping error on the surrogate, which no a-priori bound covers. For the L1 deviation of
/// eq. (5) B = lambda * (number of sectors with nonzero employment intensity) * w (pseudo-Huber) or half that
/// (Huber). The result reports the exact objective, the surrogate, and B.
/// The function is left at the final width.
/// </remarks>
public static class SmoothingContinuation
{
    public static OptimizationResult Minimize(ISmoothableFunction function, ReadOnlySpan<double> initial, ContinuationOptions continuation, LbfgsOptions? optimizer = null, BoxBounds? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(continuation);
        optimizer ??= new LbfgsOptions();
        var widths = continuation.Widths();
        var stopwatch = Stopwatch.StartNew();
        var stages = new List<ContinuationStage>(widths.Count);
        var history = new List<double>();
        double[] u = initial.ToArray();
        int evaluations = 0;
        int iterations = 0;
        OptimizationResult? last = null;

        foreach (double width in widths)
        {
            int remaining = continuation.MaxTotalEvaluations - evaluations;
            if (remaining <= 0)
            {
                break;
            }

            function.SmoothingWidth = width;
            var stageOptions = optimizer with { MaxEvaluations = Math.Min(optimizer.MaxEvaluations, remaining) };
            last = new LbfgsOptimizer(stageOptions).Minimize(function, u, bounds);
            stages.Add(new ContinuationStage(width, function.SmoothingErrorBound, last));
            evaluations += last.Evaluations;
            iterations += last.Iterations;
            history.AddRange(last.ObjectiveHistory);
            u = last.Solution;
            if (last.ExitReason is OptimizationExitReason.NonFiniteObjective)
            {
                break;
            }
        }

        if (last is null)
        {
            throw new InvalidOperationException("Continuation ran no stage.");
        }

        // Converged only if the final width was reached and its stage met a convergence test.
        bool reachedFinal = stages.Count == widths.Count;
        var reason = reachedFinal ? last.ExitReason : last.ExitReason is OptimizationExitReason.NonFiniteObjective ? last.ExitReason : OptimizationExitReason.EvaluationLimit;
        return new OptimizationResult
        {
            Solution = last.Solution,
            Objective = last.Objective,
            SurrogateObjective = last.SurrogateObjective,
            Converged = reachedFinal && last.Converged,
            ExitReason = reason,
            Iterations = iterations,
            Evaluations = evaluations,
            ObjectiveHistory = history,
            ProjectedGradientNorm = last.ProjectedGradientNorm,
            Elapsed = stopwatch.Elapsed,
            Stages = stages,
            SmoothingErrorBound = function.SmoothingErrorBound,
        };
    }
}
