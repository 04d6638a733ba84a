namespace LieInter.Solvers;

/// <summary>Settings of the default solve policy.</summary>
public sealed record EquilibriumSolverOptions
{
    public SolverOptions Tolerances { get; init; } = SolverOptions.Default;

    public AndersonOptions Anderson { get; init; } = new();

    /// <summary>Affine models smaller than this are factorised directly (cheaper than iterating).</summary>
    public int DirectPreferredBelow { get; init; } = 64;

    /// <summary>Affine models up to this size may be factorised when iterating fails.</summary>
    public int DirectDenseLimit { get; init; } = 4_000;

    /// <summary>Check the declared solvability conditions and that parameters are finite before solving.</summary>
    public bool CheckSolvability { get; init; } = true;

    /// <summary>The default policy, or one method alone (no fallback, no size limits).</summary>
    public EquilibriumMethod Method { get; init; } = EquilibriumMethod.Default;

    public static EquilibriumSolverOptions Default { get; } = new();
}
