namespace LieInter.Optimization;

/// <summary>Settings of <see cref="LbfgsOptimizer"/>. Defaults follow L-BFGS-B practice.</summary>
public sealed record LbfgsOptions
{
    /// <summary>Number m of correction pairs kept.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Stop (converged) when the infinity norm of the projected gradient is at most this.</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    /// <summary>Stop (converged) when (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) is at most this.</summary>
    public double RelativeObjectiveTolerance { get; init; } = 1e-10;

    public int MaxIterations { get; init; } = 1000;

    /// <summary>Budget of objective and gradient evaluations (equilibrium solves), line searches included.</summary>
    public int MaxEvaluations { get; init; } = 2000;

    /// <summary>Sufficient-decrease constant c1 of the strong Wolfe conditions.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Curvature constant c2 of the strong Wolfe conditions (|phi'(t)| &lt;= c2 |phi'(0)|).</summary>
    public double CurvatureCondition { get; init; } = 0.9;

    /// <summary>Evaluations allowed in one line search before it gives up.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 20;

    internal void Validate()
    {
        if (Memory <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Memory), Memory, "L-BFGS memory must be positive.");
        }

        if (!(GradientTolerance >= 0) || !(RelativeObjectiveTolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(GradientTolerance), $"Tolerances must be nonnegative (gradient {GradientTolerance}, relative objective {RelativeObjectiveTolerance}).");
        }

        if (MaxIterations < 0 || MaxEvaluations < 1 || MaxLineSearchEvaluations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEvaluations), $"Limits must be positive (iterations {MaxIterations}, evaluations {MaxEvaluations}, line search evaluations {MaxLineSearchEvaluations}).");
        }

        if (!(SufficientDecrease > 0 && SufficientDecrease < CurvatureCondition && CurvatureCondition < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CurvatureCondition), $"Wolfe constants need 0 < c1 < c2 < 1, got c1 = {SufficientDecrease}, c2 = {CurvatureCondition}.");
        }
    }
}
