using System.CommandLine;
using LieInter.Cli.Tables;
using LieInter.Economics;

namespace LieInter.Cli.Design;

/// <summary>The <c>design</c> command's options (the main job's defaults: WIOD FRA and DEU, four years, 16 lambdas).</summary>
internal static class DesignCommand
{
    public static Command Create(ToolContext context)
    {
        var tables = new TableOptions();
        var output = new Option<string>("--output") { Description = "Output folder (replaced if it holds an earlier LieInter run; refused if it holds anything else)", DefaultValueFactory = _ => DesignOptions.DefaultOutput };
        var format = new Option<string>("--format") { Description = "Results file: csv or json", DefaultValueFactory = _ => DesignOptions.DefaultFormat };
        var lambdas = new Option<int>("--lambdas") { Description = "Number of lambda values on the path (at least 2)", DefaultValueFactory = _ => GhgEmploymentOptions.DefaultLambdaCount };
        var minMultiplier = new Option<double>("--min-multiplier") { Description = "Lower bound on each sector's demand multiplier alpha = e^u, in (0, 1]", DefaultValueFactory = _ => GhgEmploymentOptions.DefaultMinMultiplier };
        var maxMultiplier = new Option<double>("--max-multiplier") { Description = "Upper bound on each multiplier, at least 1 (1: demand may only be cut)", DefaultValueFactory = _ => GhgEmploymentOptions.DefaultMaxMultiplier };
        var target = new Option<double>("--employment-target") { Description = "Employment change (%) at which the sectors cut hardest are listed", DefaultValueFactory = _ => DesignOptions.DefaultEmploymentTargetPercent };
        var command = new Command("design", "Eq. (5): multiplicative interventions on final demand that cut emissions while keeping employment, along a lambda path (Fig. 3b-c of the paper).");
        tables.AddTo(command);
        foreach (var o in new Option[] { output, format, lambdas, minMultiplier, maxMultiplier, target })
        {
            command.Options.Add(o);
        }

        command.SetAction((parse, cancellation) => context.RunAsync(() =>
        {
            var options = new DesignOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                Format = parse.GetValue(format)!.ToLowerInvariant(),
                LambdaCount = parse.GetValue(lambdas),
                MinMultiplier = parse.GetValue(minMultiplier),
                MaxMultiplier = parse.GetValue(maxMultiplier),
                EmploymentTargetPercent = parse.GetValue(target),
                Tables = tables.Read(parse),
            };
            return DesignJob.Run(options, context, cancellation);
        }, cancellation));
        return command;
    }
}
