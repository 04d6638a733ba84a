namespace LieInter.Cli;

/// <summary>Where a command writes, whether it may draw live progress, and the run's result folder.</summary>
public sealed class ToolContext(TextWriter output, TextWriter error, bool interactive)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when <see cref="Output"/> is a terminal.</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>How long a cancelled command gets to stop at its next check and clean up before the tool leaves.</summary>
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(0.8);

    private LieInter.Cli.Output.ResultFolder? _folder;

    public Spectre.Console.IAnsiConsole Console() => ToolConsole.Create(Output, Interactive);

    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    /// <summary>Checks and stages the output folder (see <see cref="LieInter.Cli.Output.ResultFolder.Prepare"/>); a cancelled run discards it.</summary>
    public LieInter.Cli.Output.ResultFolder PrepareOutput(string output, string command) => _folder = LieInter.Cli.Output.ResultFolder.Prepare(output, command);

    /// <summary>
    /// Runs a command's work off the caller's thread so that Ctrl-C is answered within a second even when the work is
    /// in the middle of a long solve: the work stops at its next cancellation check; if that takes longer than the
    /// grace period the tool leaves without it, deleting the staged results itself.
    /// </summary>
    public async Task<int> RunAsync(Func<int> work, CancellationToken cancellation)
    {
        var task = Task.Run(work, CancellationToken.None);
        var cancelled = Task.Delay(Timeout.Infinite, cancellation);
        if (await Task.WhenAny(task, cancelled) == task)
        {
            return await task;
        }

        await Task.WhenAny(task, Task.Delay(CancellationGrace, CancellationToken.None));
        _folder?.Dispose();
        throw new OperationCanceledException(cancellation);
    }
}
