namespace LieInter.Optimization;

/// <summary>Settings of <see cref="LambdaPath.Sweep"/>.</summary>
public sealed record LambdaPathOptions
{
    public DesignMethod Method { get; init; } = DesignMethod.ExactL1;

    /// <summary>Settings of the exact-L1 method for each point.</summary>
    public TrustRegionL1Options TrustRegion { get; init; } = new();

    /// <summary>L-BFGS settings for each point (and each continuation stage) of <see cref="DesignMethod.SmoothedLbfgs"/>.</summary>
    public LbfgsOptions Optimizer { get; init; } = new();

    /// <summary>Called after each point.</summary>
    public Action<LambdaPathProgress>? Progress { get; init; }

    /// <summary>Cancels the sweep between points (and, through the optimisers' evaluations, within one).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Smoothing continuation run at every point; null runs L-BFGS once at the terms' current widths.</summary>
    public ContinuationOptions? Continuation { get; init; }

    /// <summary>Continuation for the points after the first, which start from the previous point's optimum; null
    /// uses <see cref="Continuation"/> for every point. A narrower initial width here keeps a warm start from being
    /// smoothed away from the vertex it already sits at.</summary>
    public ContinuationOptions? WarmStartContinuation { get; init; }

    public BoxBounds? Bounds { get; init; }

    /// <summary>Bounds on the equilibrium state that the exact-L1 method keeps (for example nonnegative outputs);
    /// null: none.</summary>
    public BoxBounds? StateBounds { get; init; }

    /// <summary>A candidate start for a lambda, for example the global optimum of a convex reformulation of the
    /// problem (null: none for that lambda). Each point then starts from whichever of the candidate and the previous
    /// point's optimum has the lower exact objective, at the cost of one or two solves, counted in the point's.</summary>
    public Func<double, double[]?>? CandidateStart { get; init; }

    /// <summary>Relative slack of the monotonicity diagnostics (times max(|a|, |b|) of the compared values), on top
    /// of the deviation term's smoothing error bound.</summary>
    public double MonotonicityTolerance { get; init; } = 1e-6;
}
