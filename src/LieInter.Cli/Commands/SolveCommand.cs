using System.CommandLine;
using System.Globalization;
using LieInter.Cli.Output;
using LieInter.Cli.Tables;
using LieInter.Economics;
using Spectre.Console;

namespace LieInter.Cli.Commands;

/// <summary><c>lieinter solve</c>: the equilibrium x = (I - A)^-1 y of each table and its footprint accounts as
/// pymrio's <c>calc_all</c> defines them (multipliers M = S L, production- and consumption-based accounts by region).</summary>
internal static class SolveCommand
{
    public static Command Create(ToolContext context)
    {
        var tables = new TableOptions();
        var output = new Option<string>("--output") { Description = "Output folder for output.csv, footprints.csv and multipliers.csv", DefaultValueFactory = _ => Path.Combine("artifacts", "solve") };
        var command = new Command("solve", "Solve each table's equilibrium x = (I - A)^-1 y and compute its footprint accounts (M = S L, D_pba, D_cba by region).") { output };
        tables.AddTo(command, stressors: false);
        command.SetAction((parse, cancellation) => context.RunAsync(() =>
        {
            var request = tables.Read(parse);
            using var folder = context.PrepareOutput(parse.GetValue(output)!, "solve");
            var console = context.Console();
            using var x = new StreamWriter(folder.File("output.csv"));
            using var footprints = new StreamWriter(folder.File("footprints.csv"));
            using var multipliers = new StreamWriter(folder.File("multipliers.csv"));
            x.WriteLine("table,region,sector,output_solved,output_reported,unit");
            footprints.WriteLine("table,stressor,unit,region,production_based,consumption_based");
            multipliers.WriteLine("table,stressor,unit,region,sector,multiplier");
            var labels = new List<string>();
            foreach (var loaded in request.Load())
            {
                cancellation.ThrowIfCancellationRequested();
                var t = loaded.Table;
                labels.Add(loaded.Label);
                var solved = t.SolveOutput();
                double worst = 0;
                for (int i = 0; i < t.SectorCount; i++)
                {
                    string reported = t.HasReportedOutput ? R(t.ReportedOutput[i]) : string.Empty;
                    if (t.HasReportedOutput)
                    {
                        worst = Math.Max(worst, Math.Abs(solved[i] - t.ReportedOutput[i]) / Math.Max(Math.Abs(t.ReportedOutput[i]), 1e-300));
                    }

                    x.WriteLine(string.Join(",", Q(loaded.Label), Q(t.Sectors[i].Region), Q(t.Sectors[i].Code), R(solved[i]), reported, Q(t.MonetaryUnit)));
                }

                var accounts = Footprints.Compute(t);
                console.WriteLine($"{loaded.Label}: {t.SectorCount} sectors, output {solved.Sum().ToString("#,0.###", CultureInfo.InvariantCulture)} {t.MonetaryUnit}"
                    + (t.HasReportedOutput ? $"; largest relative difference to the reported output {worst.ToString("0.0e+0", CultureInfo.InvariantCulture)}" : string.Empty));
                var table = new Table().Title(Markup.Escape($"{loaded.Label}: footprint accounts")).AddColumns("stressor", "unit", "region", "production-based", "consumption-based");
                foreach (var s in accounts.Stressors)
                {
                    foreach (string region in accounts.Regions.Union(accounts.FinalDemandRegions))
                    {
                        string pba = accounts.Regions.Contains(region) ? s.ProductionOf(region).Value.ToString("G6", CultureInfo.InvariantCulture) : string.Empty;
                        string cba = accounts.FinalDemandRegions.Contains(region) ? s.ConsumptionOf(region).Value.ToString("G6", CultureInfo.InvariantCulture) : string.Empty;
                        table.AddRow(Markup.Escape(s.Stressor.Name), Markup.Escape(s.Stressor.Unit), Markup.Escape(region), pba, cba);
                        footprints.WriteLine(string.Join(",", Q(loaded.Label), Q(s.Stressor.Name), Q(s.Stressor.Unit), Q(region),
                            accounts.Regions.Contains(region) ? R(s.ProductionOf(region).Value) : string.Empty,
                            accounts.FinalDemandRegions.Contains(region) ? R(s.ConsumptionOf(region).Value) : string.Empty));
                    }

                    for (int i = 0; i < t.SectorCount; i++)
                    {
                        multipliers.WriteLine(string.Join(",", Q(loaded.Label), Q(s.Stressor.Name), Q(s.MultiplierUnit), Q(t.Sectors[i].Region), Q(t.Sectors[i].Code), R(s.Multipliers[i])));
                    }
                }

                console.Write(table);
            }

            x.Close();
            footprints.Close();
            multipliers.Close();
            foreach (string f in folder.Commit(new Dictionary<string, object?> { ["tables"] = labels }))
            {
                console.WriteLine("  " + f);
            }

            return ExitCode.Success;
        }, cancellation));
        return command;
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Q(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
