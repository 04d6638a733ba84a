namespace LieInter.Solvers;

/// <summary>What the throwing forms of solves and derivatives throw (<c>Solve</c>, <c>Backpropagate</c>, ...): one
/// sealed type per kind of failure, each carrying the <see cref="SolveReport"/> that its <c>Try</c> form returns.
/// Catch this type for any of them.</summary>
public abstract class EquilibriumException : Exception
{
    private protected EquilibriumException(SolveReport report, string message)
        : base(message)
    {
        Report = report;
    }

    /// <summary>The report of the failed solve or derivative; <see cref="SolveReport.ExitReason"/> tells the kind.</summary>
    public SolveReport Report { get; }
}
