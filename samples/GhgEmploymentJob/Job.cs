using System.Globalization;
using System.Text.Json;
using LieInter.Economics;
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
        void RunAll(Action<string, int, int> report)
        {
            foreach (var (country, year, table) in tables)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var design = new GhgEmploymentDesign(table.ToProblemData(GhgStressor(options), EmploymentStressor(options)), new GhgEmploymentOptions
                {
                    LambdaCount = options.LambdaCount,
                    MinMultiplier = options.MinMultiplier,
                });
                var (points, path) = design.Sweep((k, n) => report($"{country} {year}", k, n));
                runs.Add(new TableRun(country, year, design, points, path.IsMonotone, clock.Elapsed));
            }
        }

        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().Start(ctx =>
            {
                var tasks = tables.ToDictionary(t => $"{t.Country} {t.Year}", t => ctx.AddTask($"{t.Country} {t.Year}", maxValue: options.LambdaCount));
                RunAll((label, k, n) => tasks[label].Value = k);
            });
        }
        else
        {
            RunAll((label, k, n) =>
            {
                if (k == n)
                {
                    console.WriteLine($"{label}: {n} lambdas done");
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

        return runs.All(r => r.Monotone) ? 0 : 2;
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
        table.AddColumns("lambda", "GHG change %", "employment change %", "employment moved %", "iterations", "solves", "time (ms)");
        foreach (var p in run.Points)
        {
            table.AddRow(
                p.Lambda.ToString("G4", CultureInfo.InvariantCulture),
                p.GhgChangePercent.ToString("F2", CultureInfo.InvariantCulture),
                p.EmploymentChangePercent.ToString("F2", CultureInfo.InvariantCulture),
                p.EmploymentDeviationPercent.ToString("F2", CultureInfo.InvariantCulture),
                p.Iterations.ToString(CultureInfo.InvariantCulture),
                p.Evaluations.ToString(CultureInfo.InvariantCulture),
                p.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var at = AtEmploymentChange(run, -5);
        var top = new Table().Title($"{run.Country} {run.Year}: sectors with the largest employment reduction at lambda = {at.Lambda:G4} (employment {at.EmploymentChangePercent:F2}%, GHG {at.GhgChangePercent:F2}%)");
        top.AddColumns("sector", "name", "employment change", "multiplier");
        foreach (var (sector, change, multiplier) in d.LargestEmploymentReductions(at))
        {
            top.AddRow(Markup.Escape(sector.Code), Markup.Escape(Truncate(sector.Name, 48)), $"{Fmt(change)} {TotalUnit(d.Data.EmploymentIntensityUnit)}", multiplier.ToString("F3", CultureInfo.InvariantCulture));
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
        w.WriteLine("country,year,lambda,ghg,ghg_unit,ghg_change_pct,employment,employment_unit,employment_change_pct,employment_moved_pct,iterations,solves,time_ms,converged,exit_reason");
        foreach (var run in runs)
        {
            var d = run.Design;
            foreach (var p in run.Points)
            {
                w.WriteLine(string.Join(",",
                    run.Country, run.Year.ToString(CultureInfo.InvariantCulture), R(p.Lambda), R(p.Ghg), Quote(TotalUnit(d.Data.GhgIntensityUnit)), R(p.GhgChangePercent), R(p.Employment), Quote(TotalUnit(d.Data.EmploymentIntensityUnit)),
                    R(p.EmploymentChangePercent), R(p.EmploymentDeviationPercent), p.Iterations.ToString(CultureInfo.InvariantCulture), p.Evaluations.ToString(CultureInfo.InvariantCulture),
                    R(p.Elapsed.TotalMilliseconds), p.Converged ? "true" : "false", p.ExitReason));
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
            Points = run.Points.Select(p => new { p.Lambda, p.Ghg, p.GhgChangePercent, p.Employment, p.EmploymentChangePercent, p.EmploymentDeviationPercent, p.Iterations, p.Evaluations, TimeMs = p.Elapsed.TotalMilliseconds, p.Converged, p.ExitReason, p.Multipliers }),
        });
        File.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static string WriteTopSectors(JobOptions options, List<TableRun> runs)
    {
        string path = Path.Combine(options.OutputDirectory, "largest_employment_reductions.csv");
        using var w = new StreamWriter(path);
        w.WriteLine("country,year,lambda,employment_change_pct,ghg_change_pct,rank,sector,name,employment_change,employment_unit,multiplier");
        foreach (var run in runs)
        {
            var at = AtEmploymentChange(run, options.EmploymentTargetPercent);
            int rank = 1;
            foreach (var (sector, change, multiplier) in run.Design.LargestEmploymentReductions(at))
            {
                w.WriteLine(string.Join(",", run.Country, run.Year.ToString(CultureInfo.InvariantCulture), R(at.Lambda), R(at.EmploymentChangePercent), R(at.GhgChangePercent), rank++.ToString(CultureInfo.InvariantCulture),
                    Quote(sector.Code), Quote(sector.Name), R(change), Quote(TotalUnit(run.Design.Data.EmploymentIntensityUnit)), R(multiplier)));
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

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
