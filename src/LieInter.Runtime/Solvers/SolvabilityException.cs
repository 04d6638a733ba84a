namespace LieInter.Solvers;

/// <summary>A declared solvability condition failed, so the solve was refused before it ran
/// (<see cref="SolveExitReason.Refused"/>).</summary>
public sealed class SolvabilityException : EquilibriumException
{
    public SolvabilityException(SolveReport report)
        : base(report, report.Message ?? report.ToString())
    {
    }

    internal SolvabilityException(string message)
        : this(SolveReport.NotRun(SolveExitReason.Refused, message))
    {
    }
}
