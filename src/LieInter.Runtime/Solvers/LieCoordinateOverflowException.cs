namespace LieInter.Solvers;

/// <summary>A finite Lie coordinate whose group element overflows (Exp(u) is infinite): nothing ran, and the message
/// names the intervention and the element (<see cref="SolveExitReason.Overflow"/>).</summary>
public sealed class LieCoordinateOverflowException : EquilibriumException
{
    public LieCoordinateOverflowException(SolveReport report)
        : base(report, report.Message ?? report.ToString())
    {
    }

    internal LieCoordinateOverflowException(string message)
        : this(SolveReport.NotRun(SolveExitReason.Overflow, message))
    {
    }
}
