namespace LieInter.Optimization;

/// <summary>Why an optimiser stopped.</summary>
public enum OptimizationExitReason
{
    /// <summary>Converged: the infinity norm of the projected gradient fell below the tolerance.</summary>
    GradientTolerance,

    /// <summary>Converged: the relative decrease of the objective fell below the tolerance.</summary>
    ObjectiveProgress,

    /// <summary>Not converged: the iteration (step) limit was reached. A fixed-step Adam run ends here.</summary>
    IterationLimit,

    /// <summary>Not converged: the evaluation (equilibrium solve) budget was spent.</summary>
    EvaluationLimit,

    /// <summary>Not converged: the line search found no acceptable step even from a fresh (steepest-descent) model.</summary>
    LineSearchFailure,

    /// <summary>Not converged: the objective or its gradient was not finite at a point the optimiser could not step back from.</summary>
    NonFiniteObjective,

    /// <summary>Converged: the first-order optimality measure of the exact nonsmooth objective (the decrease its
    /// linearised model promises within a unit trust region, <see cref="OptimizationResult.OptimalityMeasure"/>)
    /// fell below the tolerance.</summary>
    Stationary,

    /// <summary>Not converged: the trust region shrank below its minimum radius without reaching stationarity.</summary>
    TrustRegionCollapsed,

    /// <summary>Not converged: the step subproblem (a linear program) could not be solved, or the sensitivities of
    /// the equilibrium were undefined at the iterate.</summary>
    SubproblemFailure,
}
