using LieInter.Cli;

// Ctrl-C (SIGINT) cancels the run instead of killing the process: the command stops at its next check (the tool
// waits at most a second for it), discards the unfinished result folder and exits with 130. A second Ctrl-C, after
// the run was cancelled, ends the process at once.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
return await LieInterTool.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, cancel.Token);
