namespace LieInter.Optimization;

/// <summary>Settings of <see cref="TrustRegionL1Optimizer"/>. Radii are in the units of the intervention
/// coordinates (for a multiplicative intervention, log-multipliers), measured in the infinity norm.</summary>
public sealed record TrustRegionL1Options
{
    /// <summary>Steps tried (subproblems solved, each followed by one equilibrium solve at the trial point).</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Equilibrium solves allowed in one run.</summary>
    public int MaxEvaluations { get; init; } = 400;

    /// <summary>Stop when the first-order optimality measure is at most this times max(1, |objective|).</summary>
    public double OptimalityTolerance { get; init; } = 1e-9;

    public double InitialRadius { get; init; } = 1.0;

    public double MaxRadius { get; init; } = 16.0;

    /// <summary>A trust region smaller than this ends the run as <see cref="OptimizationExitReason.TrustRegionCollapsed"/>.</summary>
    public double MinRadius { get; init; } = 1e-12;

    /// <summary>A step is accepted when the actual decrease is at least this fraction of the predicted one.</summary>
    public double AcceptanceRatio { get; init; } = 1e-4;

    /// <summary>Above this ratio a step that reached the trust-region boundary doubles the radius.</summary>
    public double ExpansionRatio { get; init; } = 0.75;

    /// <summary>A rejected step shrinks the radius to this fraction of the step's length.</summary>
    public double ShrinkFactor { get; init; } = 0.25;

    internal void Validate()
    {
        if (MaxIterations < 1 || MaxEvaluations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), $"MaxIterations ({MaxIterations}) and MaxEvaluations ({MaxEvaluations}) must be at least 1.");
        }

        if (!(OptimalityTolerance >= 0) || !(InitialRadius > 0) || !(MaxRadius >= InitialRadius) || !(MinRadius > 0) || !(MinRadius < InitialRadius))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialRadius), $"Need OptimalityTolerance >= 0 and 0 < MinRadius < InitialRadius <= MaxRadius; got {OptimalityTolerance}, {MinRadius}, {InitialRadius}, {MaxRadius}.");
        }

        if (!(AcceptanceRatio > 0 && AcceptanceRatio < ExpansionRatio && ExpansionRatio < 1) || !(ShrinkFactor > 0 && ShrinkFactor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(AcceptanceRatio), $"Need 0 < AcceptanceRatio < ExpansionRatio < 1 and 0 < ShrinkFactor < 1; got {AcceptanceRatio}, {ExpansionRatio}, {ShrinkFactor}.");
        }
    }
}
