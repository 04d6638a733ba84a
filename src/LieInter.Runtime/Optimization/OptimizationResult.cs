namespace LieInter.Optimization;

/// <summary>
/// What an optimiser returns. <see cref="Evaluations"/> counts calls of
/// <see cref="IDifferentiableFunction.Evaluate"/>: for intervention design, equilibrium solves (each with one
/// adjoint solve). <see cref="Objective"/> is exact (unsmoothed) when the function is an
/// <see cref="ISurrogateFunction"/>; <see cref="SurrogateObjective"/> is the value that was minimised.
/// </summary>
public sealed class OptimizationResult
{
    public required double[] Solution { get; init; }

    /// <summary>The exact objective at <see cref="Solution"/>.</summary>
    public required double Objective { get; init; }

    /// <summary>The minimised (possibly smoothed) objective at <see cref="Solution"/>.</summary>
    public required double SurrogateObjective { get; init; }

    /// <summary>True only when a convergence test (<see cref="OptimizationExitReason.GradientTolerance"/>,
    /// <see cref="OptimizationExitReason.ObjectiveProgress"/> or <see cref="OptimizationExitReason.Stationary"/>)
    /// ended the run.</summary>
    public required bool Converged { get; init; }

    public required OptimizationExitReason ExitReason { get; init; }

    /// <summary>Accepted iterates (L-BFGS) or steps taken (Adam).</summary>
    public required int Iterations { get; init; }

    /// <summary>Objective and gradient evaluations, i.e. equilibrium solves (each paired with one adjoint solve).</summary>
    public required int Evaluations { get; init; }

    /// <summary>Exact objective values: L-BFGS records the starting point then every accepted iterate; Adam records
    /// every evaluated point.</summary>
    public required IReadOnlyList<double> ObjectiveHistory { get; init; }

    /// <summary>Infinity norm of the projected gradient of the surrogate at <see cref="Solution"/>.</summary>
    public required double ProjectedGradientNorm { get; init; }

    /// <summary>The first-order optimality measure of the exact objective at <see cref="Solution"/>, in the units of
    /// the objective: for <see cref="TrustRegionL1Optimizer"/>, chi(u) = m(0) - min m(d) over steps d in the box with
    /// ||d||_inf &lt;= 1, where m is the objective with x*(u + d) linearised and every |.| kept exact (zero exactly at
    /// the first-order stationary points of the nonsmooth problem). NaN when the optimiser does not measure it.</summary>
    public double OptimalityMeasure { get; init; } = double.NaN;

    /// <summary>Dense factorisations of I - Jx made for sensitivities (exact-L1 design); 0 for gradient methods.</summary>
    public int Factorizations { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>The stages of a smoothing continuation (empty for a single run).</summary>
    public IReadOnlyList<ContinuationStage> Stages { get; init; } = [];

    /// <summary>Bound on exact minus surrogate objective at the final smoothing width (0 without smoothing).</summary>
    public double SmoothingErrorBound { get; init; }

    /// <summary>A one-line account of the run.</summary>
    public override string ToString() =>
        $"{(Converged ? "converged" : "not converged")} ({ExitReason}) after {Iterations} iterations and {Evaluations} evaluations: " +
        $"objective {Objective:G10} (surrogate {SurrogateObjective:G10}), " +
        (double.IsNaN(OptimalityMeasure) ? $"projected gradient {ProjectedGradientNorm:G3}" : $"optimality measure {OptimalityMeasure:G3}");
}
