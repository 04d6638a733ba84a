using System.CommandLine;
using System.Globalization;
using LieInter.Cli.Tables;
using LieInter.Economics;
using Spectre.Console;

namespace LieInter.Cli.Commands;

/// <summary><c>lieinter list</c>: what a table offers (sectors, regions, stressors with units and totals, final
/// demand), so that <c>--ghg</c>, <c>--employment</c> and <c>--region</c> can be chosen by name.</summary>
internal static class ListCommand
{
    public static Command Create(ToolContext context)
    {
        var tables = new TableOptions();
        var command = new Command("list", "Print what a table offers: regions, sectors, stressors (with units and totals) and final-demand categories.");
        tables.AddTo(command, stressors: false);
        command.SetAction((parse, cancellation) => context.RunAsync(() =>
        {
            var request = tables.Read(parse);
            var console = context.Console();
            foreach (var loaded in request.Load())
            {
                cancellation.ThrowIfCancellationRequested();
                Print(console, loaded);
            }

            return ExitCode.Success;
        }, cancellation));
        return command;
    }

    private static void Print(IAnsiConsole console, LoadedTable loaded)
    {
        var t = loaded.Table;
        console.WriteLine($"{loaded.Label}: {t.Name}");
        console.WriteLine($"  {t.SectorCount} sectors in {t.Regions.Count} region(s) ({string.Join(", ", t.Regions)}), {t.MonetaryUnit}, {t.PriceBasis}; rho(A) <= {t.SpectralRadius.Upper.ToString("G4", CultureInfo.InvariantCulture)}");
        console.WriteLine($"  source: {t.Source}");
        var stressors = new Table().Title("stressors (--ghg, --employment)").AddColumns("name", "aliases", "unit", "total", "group", "description");
        foreach (var (s, total) in t.StressorTotals())
        {
            stressors.AddRow(Markup.Escape(s.Name), Markup.Escape(string.Join(", ", s.Aliases)), Markup.Escape(s.IntensityUnit), Markup.Escape(total.ToString()), Markup.Escape(s.Group ?? string.Empty), Markup.Escape(s.Description ?? string.Empty));
        }

        console.Write(stressors);
        var demand = new Table().Title("final demand").AddColumn("category").AddColumn(new TableColumn("total").RightAligned());
        foreach (var c in t.FinalDemandCategories)
        {
            double sum = 0;
            foreach (double v in c.Values)
            {
                sum += v;
            }

            demand.AddRow(Markup.Escape(c.Name), sum.ToString("#,0.###", CultureInfo.InvariantCulture));
        }

        console.Write(demand);
        var sectors = new Table().Title("sectors").AddColumns("region", "code", "name");
        foreach (var s in t.Sectors)
        {
            sectors.AddRow(Markup.Escape(s.Region), Markup.Escape(s.Code), Markup.Escape(s.Name));
        }

        console.Write(sectors);
        foreach (string note in t.Notes)
        {
            console.WriteLine($"  note: {note}");
        }
    }
}
