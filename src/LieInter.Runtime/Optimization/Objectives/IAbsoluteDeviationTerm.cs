namespace LieInter.Optimization;

/// <summary>
/// A weighted L1 distance sum_i |w_i (v_i - r_i)| of the state or of the intervention coordinates to a reference.
/// Exact-L1 optimisers (<see cref="TrustRegionL1Optimizer"/>) read this structure and model each |.| exactly,
/// instead of minimising the smoothed value that <see cref="IObjectiveTerm.Evaluate"/> returns.
/// </summary>
public interface IAbsoluteDeviationTerm : IObjectiveTerm
{
    /// <summary>Whether v is the state or the control.</summary>
    TermSpace Space { get; }

    /// <summary>The weights w (entries with w_i = 0 contribute nothing).</summary>
    ReadOnlySpan<double> Weights { get; }

    /// <summary>The reference r.</summary>
    ReadOnlySpan<double> Reference { get; }
}
