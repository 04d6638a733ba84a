namespace LieInter.Optimization;

/// <summary>One point of a lambda path.</summary>
/// <param name="Lambda">Weight of the deviation term.</param>
/// <param name="U">The optimised intervention coordinates.</param>
/// <param name="Loss">Exact value of the loss term (e.g. GHG emissions c^T x).</param>
/// <param name="Deviation">Exact value of the deviation term (e.g. || e ∘ (x - x*) ||_1).</param>
/// <param name="Objective">Exact total objective at this lambda.</param>
/// <param name="SurrogateObjective">The minimised (smoothed) total at this lambda.</param>
/// <param name="Parts">Exact unweighted value of every term.</param>
/// <param name="Iterations">L-BFGS iterations for this point (all continuation stages).</param>
/// <param name="Evaluations">Equilibrium solves for this point (each with one adjoint solve).</param>
/// <param name="Elapsed">Wall time for this point.</param>
/// <param name="Converged">Whether the point's optimisation met a convergence test.</param>
/// <param name="ExitReason">Why the point's optimisation stopped.</param>
/// <param name="Result">The full optimiser result (history, stages).</param>
/// <remarks>Beyond the positional members: the equilibrium at the point, its optimality measure, and which
/// coordinates sit on their bounds.</remarks>
public sealed record LambdaPathPoint(
    double Lambda,
    double[] U,
    double Loss,
    double Deviation,
    double Objective,
    double SurrogateObjective,
    IReadOnlyDictionary<string, double> Parts,
    int Iterations,
    int Evaluations,
    TimeSpan Elapsed,
    bool Converged,
    OptimizationExitReason ExitReason,
    OptimizationResult Result)
{
    /// <summary>The equilibrium x*(u) at the point (empty when not recorded).</summary>
    public double[] State { get; init; } = [];

    /// <summary><see cref="OptimizationResult.OptimalityMeasure"/> of the point (NaN for methods that do not measure it).</summary>
    public double OptimalityMeasure => Result.OptimalityMeasure;

    /// <summary>Coordinates at their lower bound.</summary>
    public IReadOnlyList<int> AtLowerBound { get; init; } = [];

    /// <summary>Coordinates at their upper bound.</summary>
    public IReadOnlyList<int> AtUpperBound { get; init; } = [];
}
