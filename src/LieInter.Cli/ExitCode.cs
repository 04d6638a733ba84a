namespace LieInter.Cli;

/// <summary>The tool's exit codes.</summary>
public static class ExitCode
{
    public const int Success = 0;

    /// <summary>Bad data, a solver that failed, or a result that is marked incomplete (unconverged points).</summary>
    public const int Failure = 1;

    /// <summary>A bad invocation: unknown option or value, a choice the data do not offer, an unusable output folder.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C; nothing was written.</summary>
    public const int Cancelled = 130;
}
