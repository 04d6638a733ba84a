namespace LieInter.Solvers;

/// <summary>A solve or derivative that ran and did not converge (iteration limit, divergence, NaN, stagnation, a
/// singular I - J, parameters changed since the solve, ...): <see cref="SolveReport.ExitReason"/> tells which.</summary>
public sealed class EquilibriumNotConvergedException : EquilibriumException
{
    public EquilibriumNotConvergedException(SolveReport report)
        : base(report, $"The solve did not converge. {report}")
    {
    }
}
