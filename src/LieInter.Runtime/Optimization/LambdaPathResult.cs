namespace LieInter.Optimization;

/// <summary>The points of a lambda path, in the order of the lambdas, and whether the trade-off moved monotonically.</summary>
public sealed class LambdaPathResult
{
    public required IReadOnlyList<LambdaPathPoint> Points { get; init; }

    /// <summary>Violations of: as lambda decreases, the loss does not increase and the deviation does not decrease.
    /// At global minimisers of the exact problem neither can happen; a violation flags a local minimum or an
    /// unconverged point.</summary>
    public required IReadOnlyList<MonotonicityViolation> Violations { get; init; }

    public bool IsMonotone => Violations.Count == 0;

    public int TotalEvaluations => Points.Sum(p => p.Evaluations);

    public TimeSpan Elapsed { get; init; }
}
