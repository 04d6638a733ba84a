namespace LieInter.Solvers;

/// <summary>A NaN or infinite input (parameter, Lie coordinate, warm start, seed, direction): the solve or derivative
/// did not run, and the message names the input and its index ("Parameter 'FinalDemand[4]' ...", "... at X[2] ...")
/// (<see cref="SolveExitReason.InputNotFinite"/>).</summary>
public sealed class InputNotFiniteException : EquilibriumException
{
    public InputNotFiniteException(SolveReport report)
        : base(report, report.Message ?? report.ToString())
    {
    }

    internal InputNotFiniteException(string message)
        : this(SolveReport.NotRun(SolveExitReason.InputNotFinite, message))
    {
    }
}
