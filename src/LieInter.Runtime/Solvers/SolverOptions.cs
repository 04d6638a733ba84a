namespace LieInter.Solvers;

/// <summary>Tolerances and limits shared by every solver. Convergence is tested on the Euclidean norm of the
/// residual r = x - f(x) (for an adjoint solve, of its own residual): ||r||_2 &lt;= AbsoluteTolerance +
/// RelativeTolerance ||x||_2.</summary>
public sealed record SolverOptions
{
    public double AbsoluteTolerance { get; init; } = 1e-12;

    public double RelativeTolerance { get; init; } = 1e-11;

    public int MaxIterations { get; init; } = 2_000;

    /// <summary>A residual larger than this factor times the initial residual (and than 1e-300) ends the solve as
    /// diverged.</summary>
    public double DivergenceFactor { get; init; } = 1e8;

    /// <summary>Iterations without a new best residual after which the solve ends as stagnated.</summary>
    public int StagnationWindow { get; init; } = 200;

    public bool RecordHistory { get; init; } = true;

    /// <summary>A converged solve whose estimated error in x (residual / sigma_min(I - J)) exceeds this many times the
    /// residual threshold carries <see cref="SolveReport.ConditioningWarning"/>. 1e3 stays quiet on input-output
    /// tables (1 / (1 - rho) is 10 to 100) and speaks at a near-singular root.</summary>
    public double ErrorAmplificationLimit { get; init; } = 1e3;

    public CancellationToken CancellationToken { get; init; }

    /// <summary>Set by the default policy: called after each iteration with (iterations, residual, threshold,
    /// elapsed); true stops the method as <see cref="SolveExitReason.Superseded"/>.</summary>
    internal Func<int, double, double, TimeSpan, bool>? Supersede { get; init; }

    public static SolverOptions Default { get; } = new();

    internal double Threshold(double stateNorm) => AbsoluteTolerance + RelativeTolerance * stateNorm;
}
