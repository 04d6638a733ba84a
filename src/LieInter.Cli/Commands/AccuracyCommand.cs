using System.CommandLine;
using EquilibriumAccuracy;
using LieInter.Cli.Output;

namespace LieInter.Cli.Commands;

/// <summary><c>lieinter accuracy</c>: Fig. 3a of the paper (relative error after a fixed iteration budget against
/// the model's dimension) on the shipped WIOD and USEEIO tables; the experiment of samples/EquilibriumAccuracy.</summary>
internal static class AccuracyCommand
{
    public static Command Create(ToolContext context)
    {
        var output = new Option<string>("--output") { Description = "Output folder for fig3a.csv, fig3a_runs.csv, fig3a_methods.csv and the plots", DefaultValueFactory = _ => Path.Combine("artifacts", "fig3a") };
        var data = new Option<string?>("--data") { Description = "Data root (default: $LIEINTER_DATA, else the repository's data/)" };
        var budgets = new Option<int[]>("--budgets") { Description = "Iteration budgets", DefaultValueFactory = _ => [20, 200], AllowMultipleArgumentsPerToken = true };
        var wiodDims = new Option<int[]>("--wiod-dims") { Description = "Leading-block sizes of the WIOD tables (none: 0)", DefaultValueFactory = _ => [5, 10, 20, 30, 40, 56], AllowMultipleArgumentsPerToken = true };
        var useeioDims = new Option<int[]>("--useeio-dims") { Description = "Leading-block sizes of USEEIO v2.0.1 (none: 0)", DefaultValueFactory = _ => [5, 25, 50, 100, 200, 300, 411], AllowMultipleArgumentsPerToken = true };
        var countries = new Option<string[]>("--countries") { Description = "WIOD countries", DefaultValueFactory = _ => ["CAN", "DEU", "FRA", "GBR", "USA"], AllowMultipleArgumentsPerToken = true };
        var years = new Option<int[]?>("--years") { Description = "WIOD years (default: all shipped, 2000-2014)", AllowMultipleArgumentsPerToken = true };
        var blocks = new Option<string>("--blocks") { Description = "Leading blocks: reference (A[:k,:k] and y[:k], as the paper's script) or output-preserving", DefaultValueFactory = _ => "reference" };
        var methods = new Option<string[]?>("--methods") { Description = "Methods to run (default all): " + string.Join(", ", Fig3aExperiment.Methods.Select(m => m.Key)), AllowMultipleArgumentsPerToken = true };
        var command = new Command("accuracy", "Fig. 3a: accuracy of forward iteration, Anderson acceleration and the default policy after a fixed budget, against dimension.")
        {
            output, data, budgets, wiodDims, useeioDims, countries, years, blocks, methods,
        };
        command.SetAction((parse, cancellation) => context.RunAsync(() =>
        {
            static IReadOnlyList<int> Positive(string option, int[] values) => values.Length == 1 && values[0] == 0
                ? []
                : values.All(v => v > 0) ? values : throw new UsageException($"{option}: sizes and budgets are positive integers (0 alone: none)");
            var known = Fig3aExperiment.Methods.Select(m => m.Key).ToList();
            var chosen = parse.GetValue(methods);
            if (chosen?.FirstOrDefault(m => !known.Contains(m)) is string unknown)
            {
                throw new UsageException($"--methods: unknown method '{unknown}'; the methods are {string.Join(", ", known)}");
            }

            var settings = new Fig3aSettings
            {
                DataRoot = parse.GetValue(data),
                Budgets = Positive("--budgets", parse.GetValue(budgets)!),
                WiodDimensions = Positive("--wiod-dims", parse.GetValue(wiodDims)!),
                UseeioDimensions = Positive("--useeio-dims", parse.GetValue(useeioDims)!),
                WiodCountries = parse.GetValue(countries)!,
                WiodYears = parse.GetValue(years),
                Methods = chosen,
                Blocks = parse.GetValue(blocks) switch
                {
                    "reference" => Fig3aBlocks.Reference,
                    "output-preserving" => Fig3aBlocks.OutputPreserving,
                    var other => throw new UsageException($"--blocks {other}: use reference or output-preserving"),
                },
            };
            if (settings.DataRoot is not null && !Directory.Exists(settings.DataRoot))
            {
                throw new UsageException($"--data {settings.DataRoot}: folder not found");
            }

            using var folder = context.PrepareOutput(parse.GetValue(output)!, "accuracy");
            var result = Fig3aExperiment.Run(settings, context.Output);
            cancellation.ThrowIfCancellationRequested();
            folder.Adopt(Fig3aOutput.WriteAll(result, folder.Staging));
            context.Output.WriteLine();
            context.Output.Write(Fig3aOutput.SummaryTable(result.Summary));
            int blownUp = result.Runs.Count(r => !double.IsFinite(r.RelativeError));
            if (blownUp > 0)
            {
                context.Warn($"{blownUp} run(s) ended with a non-finite residual (kept in the CSVs as NaN/inf)");
            }

            foreach (string f in folder.Commit(new Dictionary<string, object?> { ["runs"] = result.Runs.Count }))
            {
                context.Output.WriteLine("  " + f);
            }

            return ExitCode.Success;
        }, cancellation));
        return command;
    }
}
