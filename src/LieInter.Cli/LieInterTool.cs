using System.CommandLine;
using LieInter.Cli.Commands;
using LieInter.Cli.Design;
using LieInter.Economics;
using LieInter.Solvers;

namespace LieInter.Cli;

/// <summary>
/// The <c>lieinter</c> command line: <c>design</c>, <c>solve</c>, <c>list</c>, <c>accuracy</c> and <c>rebound</c>.
/// Every failure is one line, <c>error: &lt;what&gt; (&lt;file&gt;:&lt;row&gt;)</c>, and an exit code (<see cref="ExitCode"/>);
/// <c>--verbose</c> adds the exception's stack trace.
/// </summary>
public static class LieInterTool
{
    /// <summary>The tool's version (the one version of every LieInter package).</summary>
    public static string Version { get; } = typeof(LieInterTool).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "On failure, print the exception's stack trace after the error line", Recursive = true };

    /// <summary>Runs the tool on <paramref name="args"/>, writing to the given writers (a test passes its own).</summary>
    /// <param name="interactive">True when <paramref name="output"/> is a terminal: live progress and the terminal's width.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive = false, CancellationToken cancellation = default)
    {
        var context = new ToolContext(output, error, interactive);
        var root = new RootCommand("lieinter: design soft interventions on input-output tables at equilibrium (Besserve and Schölkopf, UAI 2022).")
        {
            DesignCommand.Create(context),
            SolveCommand.Create(context),
            ListCommand.Create(context),
            AccuracyCommand.Create(context),
            ReboundCommand.Create(context),
        };
        root.Options.Add(Verbose);

        // The default prints the entry assembly's version, which is the test host's in a test.
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion(output);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would print every error and the help page; one line names the problems.
            string problems = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')));
            string command = CommandPath(parse);
            error.WriteLine($"error: {problems} (see 'lieinter {(command.Length > 0 ? command + " " : string.Empty)}--help')");
            return ExitCode.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellation);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled; no results were written");
            return ExitCode.Cancelled;
        }
        catch (Exception e)
        {
            var (message, code) = Describe(e);
            error.WriteLine($"error: {message}");
            if (parse.GetValue(Verbose))
            {
                error.WriteLine(e.ToString());
            }

            return code;
        }
    }

    /// <summary>The error line and exit code of a failure: usage problems 2, data and solver failures 1.</summary>
    internal static (string Message, int Code) Describe(Exception e) => e switch
    {
        UsageException u => (u.Message, ExitCode.Usage),
        InputOutputDataException d => (Located(d), ExitCode.Failure),
        EquilibriumException s => (s.Message, ExitCode.Failure),
        IOException or UnauthorizedAccessException => (e.Message, ExitCode.Failure),
        ArgumentException or InvalidOperationException or KeyNotFoundException => (e.Message, ExitCode.Failure),
        _ => ($"{e.GetType().Name}: {e.Message} (an unexpected failure; --verbose shows where)", ExitCode.Failure),
    };

    /// <summary>"what (file:row, ...)": the problem first, then where, as the error line's format asks.</summary>
    private static string Located(InputOutputDataException d)
    {
        if (d.File is null)
        {
            return d.Problem;
        }

        var where = new List<string> { d.Row is int row ? $"{d.File}:{row}" : d.File };
        if (d.RowLabel is not null)
        {
            where.Add($"'{d.RowLabel}'");
        }

        if (d.Column is not null)
        {
            where.Add($"column '{d.Column}'");
        }

        return $"{d.Problem.TrimEnd('.')} ({string.Join(", ", where)})";
    }

    private sealed class PrintVersion(TextWriter output) : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            output.WriteLine(Version);
            return ExitCode.Success;
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, r.Command.Name);
        }

        return string.Join(" ", names);
    }
}
