using Spectre.Console;

namespace LieInter.Cli;

/// <summary>The Spectre console the commands print through.</summary>
internal static class ToolConsole
{
    /// <summary>Wide enough for any table the tool prints: redirected output is not cut to a width.</summary>
    internal const int RedirectedWidth = 4096;

    /// <summary>
    /// On a terminal: colours and live progress, at COLUMNS when it is set, else the window's width. Redirected (a file,
    /// a pipe, a CI log): plain text and no width limit, so no header or sector name is cut ("employme…" is what an
    /// assumed 80 columns did), and no progress animation.
    /// </summary>
    public static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }
        else if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0)
        {
            console.Profile.Width = columns;
        }

        return console;
    }
}
