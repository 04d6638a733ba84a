using LieInter.Optimization;

namespace LieInter.Economics;

/// <summary>One point of the trade-off curve, in the units of the data and as changes against the reference.</summary>
/// <param name="Lambda">The deviation weight.</param>
/// <param name="Objective">The exact eq. (5) objective (normalised terms).</param>
/// <param name="Ghg">Emissions c^T x in the data's unit.</param>
/// <param name="GhgChangePercent">Change of emissions against the reference.</param>
/// <param name="Employment">Total employment e^T x.</param>
/// <param name="EmploymentChangePercent">Change of total employment against the reference.</param>
/// <param name="EmploymentDeviationPercent">Employment moved, sum_i |e_i (x_i - x*_i)|, as a percentage of the reference total.</param>
/// <param name="Multipliers">alpha, one per sector.</param>
/// <param name="Output">The equilibrium output under alpha.</param>
/// <param name="Iterations">Optimiser iterations.</param>
/// <param name="Evaluations">Equilibrium solves.</param>
/// <param name="Factorizations">Factorisations of I - Jx made for sensitivities.</param>
/// <param name="Elapsed">Wall time of the point.</param>
/// <param name="Converged">Whether a convergence test ended the optimisation.</param>
/// <param name="ExitReason">Why it stopped.</param>
/// <param name="OptimalityMeasure">First-order optimality measure in objective units (NaN when not measured).</param>
/// <param name="AtLowerBound">Sectors whose multiplier sits at the lower bound.</param>
/// <param name="AtUpperBound">Sectors whose multiplier sits at the upper bound.</param>
/// <param name="GlobalObjective">The LP's global optimum of eq. (5) (NaN when not certified).</param>
public sealed record TradeOffPoint(
    double Lambda,
    double Objective,
    double Ghg,
    double GhgChangePercent,
    double Employment,
    double EmploymentChangePercent,
    double EmploymentDeviationPercent,
    double[] Multipliers,
    double[] Output,
    int Iterations,
    int Evaluations,
    int Factorizations,
    TimeSpan Elapsed,
    bool Converged,
    OptimizationExitReason ExitReason,
    double OptimalityMeasure,
    IReadOnlyList<int> AtLowerBound,
    IReadOnlyList<int> AtUpperBound,
    double GlobalObjective)
{
    /// <summary>Objective minus the certified global optimum (NaN when not certified); at most the LP's tolerance
    /// when the optimiser found the global optimum.</summary>
    public double GlobalGap => Objective - GlobalObjective;
}
