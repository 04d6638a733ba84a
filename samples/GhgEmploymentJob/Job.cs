using System.Globalization;
using System.Text.Json;
using LieInter.Economics;
using LieInter.Optimization;
using Spectre.Console;

namespace LieInter.Samples.GhgEmployment;

/// <summary>One (table, trade-off curve) result.</summary>
public sealed record TableRun(string Country, int Year, GhgEmploymentDesign Design, IReadOnlyList<TradeOffPoint> Points, bool Monotone, TimeSpan Elapsed);

/// <summary>
/// The main job: for each chosen table, the lambda sweep of eq. (5) (GHG emissions against the employment
/// deviation), a printed table, CSV or JSON, trade-off plots (one line per year, as Fig. 3b-c of the paper) and the
/// six sectors with the largest employment reduction at the lambda where employment falls by about 5%.
/// </summary>
public static class Job
{
    public static int Run(JobOptions options, IAnsiConsole console)
    {
        string root = options.DataRoot ?? LieInter.Economics.DataRoot.Resolve();
        Directory.CreateDirectory(options.OutputDirectory);
        console.MarkupLine($"[bold]LieInter: GHG emissions versus employment (eq. 5)[/]  data: {Markup.Escape(root)}");

        var tables = Tables(options, root).ToList();
        var runs = new List<TableRun>();
        void RunAll(Action<string, LambdaPathProgress> report)
        {
            foreach (var (country, year, table) in tables)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var design = new GhgEmploymentDesign(table.ToProblemData(GhgStressor(options), EmploymentStressor(options)), new GhgEmploymentOptions
                {
                    LambdaCount = options.LambdaCount,
                    MinMultiplier = options.MinMultiplier,
                    MaxMultiplier = options.MaxMultiplier,
                    StartFromGlobalOptimum = options.StartFromGlobalOptimum,
                    TrustRegion = options.MaxIterationsPerPoint is int limit ? new TrustRegionL1Options { MaxIterations = limit } : new TrustRegionL1Options(),
                });
                var (points, path) = design.Sweep(p => report($"{country} {year}", p));
                runs.Add(new TableRun(country, year, design, points, path.IsMonotone, clock.Elapsed));
            }
        }

        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().Start(ctx =>
            {
                var tasks = tables.ToDictionary(t => $"{t.Country} {t.Year}", t => ctx.AddTask($"{t.Country} {t.Year}", maxValue: options.LambdaCount));
                RunAll((label, p) =>
                {
                    tasks[label].Value = p.Index + 1;
                    tasks[label].Description = $"{label}  lambda {p.Point.Lambda:G3}";
                });
            });
        }
        else
        {
            RunAll((label, p) =>
            {
                if (p.Index + 1 == p.Count)
                {
                    console.WriteLine($"{label}: {p.Count} lambdas done in {p.Elapsed.TotalSeconds:F1} s");
                }
            });
        }

        foreach (var run in runs)
        {
            PrintRun(console, run);
        }

        var files = new List<string>();
        files.Add(options.Format == "json" ? WriteJson(options, runs) : WriteCsv(options, runs));
        files.Add(WriteTopSectors(options, runs));
        foreach (var country in runs.Select(r => r.Country).Distinct())
        {
            files.Add(TradeOffPlot.Write(Path.Combine(options.OutputDirectory, $"tradeoff_{country}.png"), country, runs.Where(r => r.Country == country).ToList(), options.EmploymentTargetPercent));
        }

        console.MarkupLine("[bold]Written:[/]");
        foreach (var f in files)
        {
            console.WriteLine("  " + f);
        }

        int unconverged = runs.Sum(r => r.Points.Count(p => !p.Converged));
        if (unconverged > 0)
        {
            console.MarkupLine($"[yellow]warning: {unconverged} point(s) did not converge; they are marked converged=false in the results and drawn hollow in the plots[/]");
        }

        // Exit code 1 (a solver failure) when a point is unconverged: the results are written, but marked.
        return unconverged == 0 ? 0 : 1;
    }

    public static IEnumerable<(string Country, int Year, InputOutputTable Table)> Tables(JobOptions options, string root)
    {
        if (options.Dataset.Equals("useeio", StringComparison.OrdinalIgnoreCase))
        {
            yield return ("USA", 2012, UseeioModel.Load(Path.Combine(root, "useeio", "USEEIOv2.0.1-411")));
            yield break;
        }

        if (!options.Dataset.Equals("wiod", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown dataset '{options.Dataset}'; use 'wiod' or 'useeio'.");
        }

        foreach (var country in options.Countries)
        {
            var wiod = WiodDerivedCountry.Load(Path.Combine(root, "wiod2016", "derived"), country);
            foreach (int year in options.Years)
            {
                yield return (country, year, wiod.Table(year));
            }
        }
    }

    private static string GhgStressor(JobOptions o) => o.Dataset.Equals("useeio", StringComparison.OrdinalIgnoreCase) ? "GHG" : WiodDerivedCountry.Co2;

    private static string EmploymentStressor(JobOptions o) => o.Dataset.Equals("useeio", StringComparison.OrdinalIgnoreCase) ? "JOBS" : WiodDerivedCountry.Employment;

    /// <summary>The path point whose employment change is closest to the target (e.g. -5%).</summary>
    public static TradeOffPoint AtEmploymentChange(TableRun run, double targetPercent) =>
        run.Points.OrderBy(p => Math.Abs(p.EmploymentChangePercent - targetPercent)).First();

    private static void PrintRun(IAnsiConsole console, TableRun run)
    {
        var d = run.Design;
        var table = new Table().Title($"{run.Country} {run.Year}: {d.Data.GhgName} {Fmt(d.ReferenceGhg)} {TotalUnit(d.Data.GhgIntensityUnit)}, {d.Data.EmploymentName} {Fmt(d.ReferenceEmployment)} {TotalUnit(d.Data.EmploymentIntensityUnit)}");
        table.AddColumns("lambda", $"{d.Data.GhgName} change %", "employment change %", "employment moved %", "at min", "at max", "iterations", "solves", "time (ms)", "optimality", "status");
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
        var at = AtEmploymentChange(run, -5);
        var top = new Table().Title($"{run.Country} {run.Year}: sectors with the largest employment reduction at lambda = {at.Lambda:G4} (employment {at.EmploymentChangePercent:F2}%, GHG {at.GhgChangePercent:F2}%)");
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

    private static string WriteCsv(JobOptions options, List<TableRun> runs)
    {
        string path = Path.Combine(options.OutputDirectory, "tradeoff.csv");
        using var w = new StreamWriter(path);
        w.WriteLine("country,year,lambda,objective,ghg_name,ghg,ghg_unit,ghg_change_pct,employment,employment_unit,employment_change_pct,employment_moved_pct,at_min_multiplier,at_max_multiplier,iterations,solves,factorizations,time_ms,converged,exit_reason,optimality,global_gap");
        foreach (var run in runs)
        {
            var d = run.Design;
            foreach (var p in run.Points)
            {
                w.WriteLine(string.Join(",",
                    run.Country, run.Year.ToString(CultureInfo.InvariantCulture), R(p.Lambda), R(p.Objective), Quote(d.Data.GhgName), R(p.Ghg), Quote(TotalUnit(d.Data.GhgIntensityUnit)), R(p.GhgChangePercent), R(p.Employment), Quote(TotalUnit(d.Data.EmploymentIntensityUnit)),
                    R(p.EmploymentChangePercent), R(p.EmploymentDeviationPercent), p.AtLowerBound.Count.ToString(CultureInfo.InvariantCulture), p.AtUpperBound.Count.ToString(CultureInfo.InvariantCulture),
                    p.Iterations.ToString(CultureInfo.InvariantCulture), p.Evaluations.ToString(CultureInfo.InvariantCulture), p.Factorizations.ToString(CultureInfo.InvariantCulture),
                    R(p.Elapsed.TotalMilliseconds), p.Converged ? "true" : "false", p.ExitReason.ToString(), R(p.OptimalityMeasure), R(p.GlobalGap)));
            }
        }

        return path;
    }

    private static string WriteJson(JobOptions options, List<TableRun> runs)
    {
        string path = Path.Combine(options.OutputDirectory, "tradeoff.json");
        var doc = runs.Select(run => new
        {
            run.Country,
            run.Year,
            ReferenceGhg = run.Design.ReferenceGhg,
            GhgUnit = TotalUnit(run.Design.Data.GhgIntensityUnit),
            ReferenceEmployment = run.Design.ReferenceEmployment,
            EmploymentUnit = TotalUnit(run.Design.Data.EmploymentIntensityUnit),
            run.Monotone,
            GhgName = run.Design.Data.GhgName,
            MultiplierBounds = new[] { run.Design.Options.MinMultiplier, run.Design.Options.MaxMultiplier },
            Points = run.Points.Select(p => new
            {
                p.Lambda, p.Objective, p.Ghg, p.GhgChangePercent, p.Employment, p.EmploymentChangePercent, p.EmploymentDeviationPercent, p.Iterations, p.Evaluations, p.Factorizations,
                TimeMs = p.Elapsed.TotalMilliseconds, p.Converged, ExitReason = p.ExitReason.ToString(), OptimalityMeasure = Finite(p.OptimalityMeasure), GlobalGap = Finite(p.GlobalGap),
                AtMinMultiplier = p.AtLowerBound.Select(i => run.Design.Data.Sectors[i].Code), AtMaxMultiplier = p.AtUpperBound.Select(i => run.Design.Data.Sectors[i].Code), p.Multipliers,
            }),
        });
        File.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static string WriteTopSectors(JobOptions options, List<TableRun> runs)
    {
        string path = Path.Combine(options.OutputDirectory, "largest_employment_reductions.csv");
        using var w = new StreamWriter(path);
        w.WriteLine("country,year,lambda,converged,employment_change_pct,ghg_change_pct,rank,sector,name,employment_change,employment_unit,multiplier,own_demand_cut");
        foreach (var run in runs)
        {
            var at = AtEmploymentChange(run, options.EmploymentTargetPercent);
            int rank = 1;
            foreach (var s in run.Design.LargestEmploymentReductions(at))
            {
                w.WriteLine(string.Join(",", run.Country, run.Year.ToString(CultureInfo.InvariantCulture), R(at.Lambda), at.Converged ? "true" : "false", R(at.EmploymentChangePercent), R(at.GhgChangePercent), rank++.ToString(CultureInfo.InvariantCulture),
                    Quote(s.Sector.Code), Quote(s.Sector.Name), R(s.EmploymentChange), Quote(TotalUnit(run.Design.Data.EmploymentIntensityUnit)), R(s.Multiplier), s.CutByPolicy ? "true" : "false"));
            }
        }

        return path;
    }

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
