namespace LieInter.Cli;

/// <summary>A bad invocation, found before any computation: reported as one line with <see cref="ExitCode.Usage"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
