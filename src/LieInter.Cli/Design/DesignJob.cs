using System.Globalization;
using System.Text.Json;
using LieInter.Cli.Output;
using LieInter.Cli.Tables;
using LieInter.Economics;
using LieInter.Optimization;
using Spectre.Console;

namespace LieInter.Cli.Design;

/// <summary>
/// <c>lieinter design</c>, the main job: for each chosen table, the lambda sweep of eq. (5) (emissions against the
/// employment deviation), a printed table, CSV or JSON, trade-off plots (one line per year, as Fig. 3b-c of the
/// paper) and the six sectors with the largest employment reduction at the point nearest the employment target.
/// </summary>
public static class DesignJob
{
    /// <summary>Runs the design; the exit code is 0, or 1 when a point did not converge (results written, marked).</summary>
    public static int Run(DesignOptions options, ToolContext context, CancellationToken cancellation = default)
    {
        options.Check();
        if (options.EmptyDesignSpace() is string empty)
        {
            context.Warn(empty);
            return ExitCode.Failure;
        }

        using var folder = context.PrepareOutput(options.OutputDirectory, "design");
        var console = context.Console();
        console.MarkupLine($"[bold]lieinter design: emissions versus employment (eq. 5)[/], {options.Tables.Count} table(s), multipliers in {Markup.Escape($"[{options.MinMultiplier.ToString(CultureInfo.InvariantCulture)}, {options.MaxMultiplier.ToString(CultureInfo.InvariantCulture)}]")}");
        var runs = new List<TableRun>();
        void RunAll(Action<LoadedTable, LambdaPathProgress?> report)
        {
            foreach (var loaded in options.Tables.Load())
            {
                cancellation.ThrowIfCancellationRequested();
                report(loaded, null);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (table, ghg, employment) = options.Tables.ChooseStressors(loaded.Table);
                var design = new GhgEmploymentDesign(table.ToProblemData(ghg, employment), new GhgEmploymentOptions
                {
                    LambdaCount = options.LambdaCount,
                    MinMultiplier = options.MinMultiplier,
                    MaxMultiplier = options.MaxMultiplier,
                    StartFromGlobalOptimum = options.StartFromGlobalOptimum,
                    TrustRegion = options.MaxIterationsPerPoint is int limit ? new TrustRegionL1Options { MaxIterations = limit } : new TrustRegionL1Options(),
                });
                var (points, path) = design.Sweep(p => report(loaded, p), cancellation);
                runs.Add(new TableRun(loaded, design, points, path.IsMonotone, clock.Elapsed));
            }
        }

        if (context.Interactive)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    ProgressTask? task = null;
                    RunAll((table, p) =>
                    {
                        if (p is null)
                        {
                            task?.StopTask();
                            task = ctx.AddTask(Markup.Escape(table.Label), maxValue: options.LambdaCount);
                            return;
                        }

                        task!.Value = p.Index + 1;
                        task.Description = Markup.Escape($"{table.Label}  lambda {p.Point.Lambda:G3}");
                    });
                    task?.StopTask();
                });
        }
        else
        {
            RunAll((table, p) =>
            {
                if (p is not null && p.Index + 1 == p.Count)
                {
                    console.WriteLine($"{table.Label}: {p.Count} lambdas done in {p.Elapsed.TotalSeconds:F1} s");
                }
            });
        }

        foreach (var run in runs)
        {
            PrintRun(console, run, options.EmploymentTargetPercent);
        }

        if (options.Format == "json")
        {
            WriteJson(folder.File("tradeoff.json"), runs);
        }
        else
        {
            WriteCsv(folder.File("tradeoff.csv"), runs);
        }

        WriteTopSectors(folder.File("largest_employment_reductions.csv"), runs, options.EmploymentTargetPercent);
        foreach (var group in runs.GroupBy(r => r.Table.Group))
        {
            TradeOffPlot.Write(folder.File($"tradeoff_{FileName(group.Key)}.png"), group.Key, group.ToList(), options.EmploymentTargetPercent);
        }

        int unconverged = runs.Sum(r => r.Points.Count(p => !p.Converged));
        cancellation.ThrowIfCancellationRequested();
        var files = folder.Commit(new Dictionary<string, object?>
        {
            ["tables"] = runs.Select(r => r.Table.Label).ToList(),
            ["points"] = runs.Sum(r => r.Points.Count),
            ["unconverged_points"] = unconverged,
        });
        console.MarkupLine("[bold]Written:[/]");
        foreach (var f in files)
        {
            console.WriteLine("  " + f);
        }

        if (unconverged > 0)
        {
            context.Warn($"{unconverged} point(s) did not converge; they are marked converged=false in the results and drawn hollow in the plots");
        }

        // Exit code 1 (a solver failure) when a point is unconverged: the results are written, but marked.
        return unconverged == 0 ? ExitCode.Success : ExitCode.Failure;
    }

    private static string FileName(string group) => string.Concat(group.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static void PrintRun(IAnsiConsole console, TableRun run, double employmentTargetPercent)
    {
        var d = run.Design;
        var table = new Table().Title(Markup.Escape($"{run.Table.Label}: {d.Data.GhgName} {Fmt(d.ReferenceGhg)} {TotalUnit(d.Data.GhgIntensityUnit)}, {d.Data.EmploymentName} {Fmt(d.ReferenceEmployment)} {TotalUnit(d.Data.EmploymentIntensityUnit)}"));
        table.AddColumns("lambda", Markup.Escape($"{d.Data.GhgName} change %"), "employment change %", "employment moved %", "at min", "at max", "iterations", "solves", "time (ms)", "optimality", "status");
        foreach (var p in run.Points)
        {
            table.AddRow(
                p.Lambda.ToString("G4", CultureInfo.InvariantCulture),
                p.GhgChangePercent.ToString("F2", CultureInfo.InvariantCulture),
                p.EmploymentChangePercent.ToString("F2", CultureInfo.InvariantCulture),
                p.EmploymentDeviationPercent.ToString("F2", CultureInfo.InvariantCulture),
                p.AtLowerBound.Count.ToString(CultureInfo.InvariantCulture),
                p.AtUpperBound.Count.ToString(CultureInfo.InvariantCulture),
                p.Iterations.ToString(CultureInfo.InvariantCulture),
                p.Evaluations.ToString(CultureInfo.InvariantCulture),
                p.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture),
                p.OptimalityMeasure.ToString("0.0e+0", CultureInfo.InvariantCulture),
                p.Converged ? "converged" : $"[yellow]NOT CONVERGED ({p.ExitReason})[/]");
        }

        console.Write(table);
        var at = run.AtEmploymentChange(employmentTargetPercent);
        var top = new Table().Title(Markup.Escape($"{run.Table.Label}: sectors with the largest employment reduction at lambda = {at.Lambda:G4} (employment {at.EmploymentChangePercent:F2}%, {d.Data.GhgName} {at.GhgChangePercent:F2}%)"));
        top.AddColumns("sector", "name", "employment change", "multiplier", "cause");
        foreach (var s in d.LargestEmploymentReductions(at))
        {
            top.AddRow(Markup.Escape(s.Sector.Code), Markup.Escape(s.Sector.Name), $"{Fmt(s.EmploymentChange)} {TotalUnit(d.Data.EmploymentIntensityUnit)}", s.Multiplier.ToString("F3", CultureInfo.InvariantCulture),
                s.CutByPolicy ? "own demand cut" : "via suppliers/customers");
        }

        console.Write(top);
        if (!run.Monotone)
        {
            console.MarkupLine("[yellow]warning: the trade-off is not monotone along this path (a local minimum or an unconverged point)[/]");
        }
    }

    private static void WriteCsv(string path, List<TableRun> runs)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("region,year,table,lambda,objective,ghg_name,ghg,ghg_unit,ghg_change_pct,employment,employment_unit,employment_change_pct,employment_moved_pct,at_min_multiplier,at_max_multiplier,iterations,solves,factorizations,time_ms,converged,exit_reason,optimality,global_gap");
        foreach (var run in runs)
        {
            var d = run.Design;
            foreach (var p in run.Points)
            {
                w.WriteLine(string.Join(",",
                    Quote(run.Table.Group), Year(run), Quote(run.Table.Label), R(p.Lambda), R(p.Objective), Quote(d.Data.GhgName), R(p.Ghg), Quote(TotalUnit(d.Data.GhgIntensityUnit)), R(p.GhgChangePercent), R(p.Employment), Quote(TotalUnit(d.Data.EmploymentIntensityUnit)),
                    R(p.EmploymentChangePercent), R(p.EmploymentDeviationPercent), p.AtLowerBound.Count.ToString(CultureInfo.InvariantCulture), p.AtUpperBound.Count.ToString(CultureInfo.InvariantCulture),
                    p.Iterations.ToString(CultureInfo.InvariantCulture), p.Evaluations.ToString(CultureInfo.InvariantCulture), p.Factorizations.ToString(CultureInfo.InvariantCulture),
                    R(p.Elapsed.TotalMilliseconds), p.Converged ? "true" : "false", p.ExitReason.ToString(), R(p.OptimalityMeasure), R(p.GlobalGap)));
            }
        }
    }

    private static void WriteJson(string path, List<TableRun> runs)
    {
        var doc = runs.Select(run => new
        {
            Region = run.Table.Group,
            run.Table.Year,
            Table = run.Table.Label,
            ReferenceGhg = run.Design.ReferenceGhg,
            GhgUnit = TotalUnit(run.Design.Data.GhgIntensityUnit),
            ReferenceEmployment = run.Design.ReferenceEmployment,
            EmploymentUnit = TotalUnit(run.Design.Data.EmploymentIntensityUnit),
            run.Monotone,
            GhgName = run.Design.Data.GhgName,
            MultiplierBounds = new[] { run.Design.Options.MinMultiplier, run.Design.Options.MaxMultiplier },
            Points = run.Points.Select(p => new
            {
                p.Lambda,
                p.Objective,
                p.Ghg,
                p.GhgChangePercent,
                p.Employment,
                p.EmploymentChangePercent,
                p.EmploymentDeviationPercent,
                p.Iterations,
                p.Evaluations,
                p.Factorizations,
                TimeMs = p.Elapsed.TotalMilliseconds,
                p.Converged,
                ExitReason = p.ExitReason.ToString(),
                OptimalityMeasure = Finite(p.OptimalityMeasure),
                GlobalGap = Finite(p.GlobalGap),
                AtMinMultiplier = p.AtLowerBound.Select(i => run.Design.Data.Sectors[i].Code),
                AtMaxMultiplier = p.AtUpperBound.Select(i => run.Design.Data.Sectors[i].Code),
                p.Multipliers,
            }),
        });
        File.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void WriteTopSectors(string path, List<TableRun> runs, double employmentTargetPercent)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("region,year,table,lambda,converged,employment_change_pct,ghg_change_pct,rank,sector,name,employment_change,employment_unit,multiplier,own_demand_cut");
        foreach (var run in runs)
        {
            var at = run.AtEmploymentChange(employmentTargetPercent);
            int rank = 1;
            foreach (var s in run.Design.LargestEmploymentReductions(at))
            {
                w.WriteLine(string.Join(",", Quote(run.Table.Group), Year(run), Quote(run.Table.Label), R(at.Lambda), at.Converged ? "true" : "false", R(at.EmploymentChangePercent), R(at.GhgChangePercent), rank++.ToString(CultureInfo.InvariantCulture),
                    Quote(s.Sector.Code), Quote(s.Sector.Name), R(s.EmploymentChange), Quote(TotalUnit(run.Design.Data.EmploymentIntensityUnit)), R(s.Multiplier), s.CutByPolicy ? "true" : "false"));
            }
        }
    }

    private static string Year(TableRun run) => run.Table.Year?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>"kt CO2 per million USD" -> "kt CO2": the unit of a total (intensity times output).</summary>
    public static string TotalUnit(string intensityUnit)
    {
        int k = intensityUnit.IndexOf(" per ", StringComparison.Ordinal);
        if (k >= 0)
        {
            return intensityUnit[..k];
        }

        k = intensityUnit.IndexOf('/');
        return k >= 0 ? intensityUnit[..k] : intensityUnit;
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Fmt(double v) => v.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
