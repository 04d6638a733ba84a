using System.Diagnostics;
using LieInter.Solvers;

namespace LieInter.Optimization;

/// <summary>
/// A Pareto sweep over lambda for L(u) = loss(x*(u)) + lambda * deviation(x*(u)) (eq. (5) of the paper: GHG
/// emissions against the L1 change of employment), plus any other terms of the objective at their fixed weights.
/// </summary>
public static class LambdaPath
{
    /// <summary>
    /// Minimises <paramref name="objective"/> for each lambda in the given order, setting the weight of
    /// <paramref name="deviation"/> to lambda and warm-starting u from the previous point (the first from
    /// <paramref name="initial"/>). The objective, and so the caller's equilibrium layer with its own warm starts,
    /// is reused across all points. Sweep from large to small lambda: the first point then starts near u = 0, its
    /// optimum for large lambda. The deviation weight is restored afterwards.
    /// </summary>
    public static LambdaPathResult Sweep(
        InterventionObjective objective,
        IObjectiveTerm loss,
        IObjectiveTerm deviation,
        IReadOnlyList<double> lambdas,
        ReadOnlySpan<double> initial,
        LambdaPathOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(deviation);
        ArgumentNullException.ThrowIfNull(lambdas);
        options ??= new LambdaPathOptions();
        if (!objective.Contains(loss) || !objective.Contains(deviation) || ReferenceEquals(loss, deviation))
        {
            throw new ArgumentException($"The loss '{loss.Name}' and the deviation '{deviation.Name}' must be two different terms of the objective.");
        }

        if (lambdas.Count == 0)
        {
            throw new ArgumentException("No lambda values were given.", nameof(lambdas));
        }

        for (int i = 0; i < lambdas.Count; i++)
        {
            if (!(lambdas[i] >= 0) || double.IsInfinity(lambdas[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(lambdas), lambdas[i], $"lambda[{i}] must be finite and nonnegative.");
            }
        }

        if (initial.Length != objective.Dimension)
        {
            throw new ArgumentException($"The initial intervention has length {initial.Length}, the objective takes {objective.Dimension}.", nameof(initial));
        }

        var stopwatch = Stopwatch.StartNew();
        double savedWeight = objective.GetWeight(deviation);
        var points = new List<LambdaPathPoint>(lambdas.Count);
        double[] u = initial.ToArray();
        var trustRegion = options.Method == DesignMethod.ExactL1 ? new TrustRegionL1Optimizer(options.TrustRegion) : null;
        try
        {
            foreach (double lambda in lambdas)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                objective.SetWeight(deviation, lambda);
                var schedule = points.Count > 0 && options.WarmStartContinuation is { } warm ? warm : options.Continuation;
                int solvesBefore = objective.EquilibriumSolves;
                u = BetterStart(objective, u, options.CandidateStart?.Invoke(lambda), options.Bounds);
                int startSolves = objective.EquilibriumSolves - solvesBefore;
                var result = trustRegion is not null
                    ? trustRegion.Minimize(objective, u, options.Bounds, options.StateBounds)
                    : schedule is { } continuation
                        ? SmoothingContinuation.Minimize(objective, u, continuation, options.Optimizer, options.Bounds)
                        : new LbfgsOptimizer(options.Optimizer).Minimize(objective, u, options.Bounds);
                var breakdown = objective.Breakdown(result.Solution);
                var (atLower, atUpper) = ActiveBounds(result.Solution, options.Bounds);
                var point = new LambdaPathPoint(
                    lambda,
                    result.Solution,
                    breakdown.Parts[loss.Name],
                    breakdown.Parts[deviation.Name],
                    breakdown.Objective,
                    breakdown.SurrogateObjective,
                    breakdown.Parts,
                    result.Iterations,
                    result.Evaluations + startSolves,
                    result.Elapsed,
                    result.Converged,
                    result.ExitReason,
                    result)
                {
                    State = breakdown.State,
                    AtLowerBound = atLower,
                    AtUpperBound = atUpper,
                };
                points.Add(point);
                options.Progress?.Invoke(new LambdaPathProgress(points.Count - 1, lambdas.Count, point, stopwatch.Elapsed));
                u = result.Solution;
            }
        }
        finally
        {
            objective.SetWeight(deviation, savedWeight);
        }

        return new LambdaPathResult
        {
            Points = points,
            Violations = Diagnose(points, options.Method == DesignMethod.ExactL1 ? 0 : deviation.SmoothingErrorBound, options.MonotonicityTolerance),
            Elapsed = stopwatch.Elapsed,
        };
    }

    /// <summary>The warm start or the candidate, whichever has the lower exact objective (the warm start when the
    /// candidate is missing, has the wrong length, or cannot be solved).</summary>
    private static double[] BetterStart(InterventionObjective objective, double[] warm, double[]? candidate, BoxBounds? bounds)
    {
        if (candidate is null || candidate.Length != warm.Length || !Vec.AllFinite(candidate))
        {
            return warm;
        }

        // The warm start first: the candidate usually wins, and the optimiser then finds its solve cached.
        var start = (double[])candidate.Clone();
        bounds?.Project(start);
        double warmValue = objective.TryBreakdown(warm, out var fromWarm) ? fromWarm.Objective : double.PositiveInfinity;
        return objective.TryBreakdown(start, out var fromCandidate) && fromCandidate.Objective < warmValue ? start : warm;
    }

    /// <summary>The coordinates of <paramref name="u"/> that sit on a finite bound (to 1e-12 relative).</summary>
    public static (int[] AtLower, int[] AtUpper) ActiveBounds(ReadOnlySpan<double> u, BoxBounds? bounds)
    {
        if (bounds is null)
        {
            return ([], []);
        }

        var lower = new List<int>();
        var upper = new List<int>();
        for (int i = 0; i < u.Length; i++)
        {
            double slack = 1e-12 * Math.Max(1, Math.Abs(u[i]));
            if (double.IsFinite(bounds.Lower[i]) && u[i] <= bounds.Lower[i] + slack)
            {
                lower.Add(i);
            }
            else if (double.IsFinite(bounds.Upper[i]) && u[i] >= bounds.Upper[i] - slack)
            {
                upper.Add(i);
            }
        }

        return (lower.ToArray(), upper.ToArray());
    }

    /// <summary>
    /// Checks neighbouring points (sorted by decreasing lambda): the loss must not increase and the deviation must
    /// not decrease. Slack: <paramref name="relativeTolerance"/> times the larger magnitude, plus, for the
    /// deviation, <paramref name="deviationSmoothingBound"/> (at global minimisers of the smoothed problem the
    /// smoothed deviation is monotone, and the exact one is within the bound of it).
    /// </summary>
    public static IReadOnlyList<MonotonicityViolation> Diagnose(IReadOnlyList<LambdaPathPoint> points, double deviationSmoothingBound = 0, double relativeTolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sorted = points.OrderByDescending(p => p.Lambda).ToList();
        var violations = new List<MonotonicityViolation>();
        for (int k = 0; k + 1 < sorted.Count; k++)
        {
            var larger = sorted[k];
            var smaller = sorted[k + 1];
            if (larger.Lambda == smaller.Lambda)
            {
                continue;
            }

            double lossRise = smaller.Loss - larger.Loss;
            double lossTolerance = relativeTolerance * Math.Max(Math.Abs(smaller.Loss), Math.Abs(larger.Loss));
            if (lossRise > lossTolerance)
            {
                violations.Add(new MonotonicityViolation(larger.Lambda, smaller.Lambda, PathQuantity.Loss, lossRise, lossTolerance));
            }

            double deviationDrop = larger.Deviation - smaller.Deviation;
            double deviationTolerance = relativeTolerance * Math.Max(Math.Abs(smaller.Deviation), Math.Abs(larger.Deviation)) + deviationSmoothingBound;
            if (deviationDrop > deviationTolerance)
            {
                violations.Add(new MonotonicityViolation(larger.Lambda, smaller.Lambda, PathQuantity.Deviation, deviationDrop, deviationTolerance));
            }
        }

        return violations;
    }
}
