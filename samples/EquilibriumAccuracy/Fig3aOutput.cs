using System.Globalization;
using System.Text;
using ScottPlot;

namespace EquilibriumAccuracy;

/// <summary>Writes the experiment's CSVs, PNG plots and console summary.</summary>
public static class Fig3aOutput
{
    /// <summary>Header of the summary CSV.</summary>
    public const string SummaryHeader = "dimension,dataset,method,budget,mean,std,count,min,max,nonfinite,solution_error_mean,solution_error_max";

    /// <summary>Header of the per-run CSV.</summary>
    public const string RunsHeader = "dataset,table,dimension,method,budget,relative_error,solution_error,exit_reason,iterations,solver,formulation";

    /// <summary>Header of the methods CSV: what each method key stands for.</summary>
    public const string MethodsHeader = "method,label,formulation";

    /// <summary>Errors below this (including exact zeros) are drawn at this value: a log axis has no zero.</summary>
    public const double PlotFloor = 1e-17;

    public const int PlotWidth = 900;
    public const int PlotHeight = 560;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes fig3a.csv (summary), fig3a_runs.csv (every run) and one PNG per (dataset, budget). Returns the
    /// paths written.</summary>
    public static IReadOnlyList<string> WriteAll(Fig3aResult result, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>
        {
            WriteSummaryCsv(result.Summary, Path.Combine(outputDirectory, "fig3a.csv")),
            WriteRunsCsv(result.Runs, Path.Combine(outputDirectory, "fig3a_runs.csv")),
            WriteMethodsCsv(result.Runs.Select(r => r.Method).Distinct(), Path.Combine(outputDirectory, "fig3a_methods.csv")),
        };
        foreach (var (dataset, budget) in result.Summary.Select(s => (s.Dataset, s.Budget)).Distinct())
        {
            written.Add(Plot(result.Summary, dataset, budget, Path.Combine(outputDirectory, PlotFileName(dataset, budget))));
        }

        return written;
    }

    public static string PlotFileName(string dataset, int budget) => $"fig3a_{dataset.ToLowerInvariant()}_budget{budget}.png";

    public static string WriteSummaryCsv(IEnumerable<Fig3aSummary> rows, string path)
    {
        var sb = new StringBuilder().AppendLine(SummaryHeader);
        foreach (var s in rows)
        {
            sb.AppendLine(string.Join(',',
                s.Dimension.ToString(Inv), s.Dataset, s.Method, s.Budget.ToString(Inv), R(s.Mean), R(s.Std), s.Count.ToString(Inv), R(s.Min), R(s.Max), s.NonFinite.ToString(Inv), R(s.SolutionErrorMean), R(s.SolutionErrorMax)));
        }

        File.WriteAllText(path, sb.ToString());
        return path;
    }

    public static string WriteRunsCsv(IEnumerable<Fig3aRun> runs, string path)
    {
        var sb = new StringBuilder().AppendLine(RunsHeader);
        foreach (var r in runs)
        {
            sb.AppendLine(string.Join(',',
                r.Dataset, r.Table, r.Dimension.ToString(Inv), r.Method, r.Budget.ToString(Inv), R(r.RelativeError), R(r.SolutionError), r.ExitReason, r.Iterations.ToString(Inv), Quote(r.Solver), Quote(Formulation(r.Method))));
        }

        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>One row per method that ran: key, legend label and exact formulation.</summary>
    public static string WriteMethodsCsv(IEnumerable<string> keys, string path)
    {
        var sb = new StringBuilder().AppendLine(MethodsHeader);
        foreach (var m in Fig3aExperiment.Methods.Where(m => keys.Contains(m.Key)))
        {
            sb.AppendLine(string.Join(',', m.Key, Quote(m.Label), Quote(m.Formulation)));
        }

        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>Relative error against dimension on a log scale: mean solid, mean + std dashed (as in the paper).
    /// Non-finite means are left out of the line and named in the legend.</summary>
    public static string Plot(IReadOnlyList<Fig3aSummary> summary, string dataset, int budget, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var methods = Fig3aExperiment.Methods.Where(m => summary.Any(s => s.Method == m.Key && s.Dataset == dataset && s.Budget == budget)).ToList();
        double lowest = 0, highest = -16;
        for (int i = 0; i < methods.Count; i++)
        {
            var rows = summary.Where(s => s.Method == methods[i].Key && s.Dataset == dataset && s.Budget == budget).OrderBy(s => s.Dimension).ToList();
            var finite = rows.Where(s => double.IsFinite(s.Mean)).ToList();
            int blownUp = rows.Count - finite.Count;
            var color = palette.GetColor(i);
            double[] xs = finite.Select(s => (double)s.Dimension).ToArray();
            double[] mean = finite.Select(s => Log10(s.Mean)).ToArray();
            double[] upper = finite.Select(s => Log10(s.Mean + s.Std)).ToArray();
            if (xs.Length > 0)
            {
                var solid = plot.Add.Scatter(xs, mean, color);
                solid.LineWidth = 2;
                solid.MarkerSize = 6;
                solid.LegendText = methods[i].Label
                    + (blownUp > 0 ? $" ({blownUp} dimension(s) non-finite, not drawn)" : string.Empty)
                    + (finite.All(s => s.Mean < PlotFloor) ? " (below 1e-17 at every n: on the floor)" : string.Empty);
                var dashed = plot.Add.Scatter(xs, upper, color);
                dashed.LineWidth = 1.5f;
                dashed.MarkerSize = 0;
                dashed.LinePattern = LinePattern.Dashed;
                lowest = Math.Min(lowest, mean.Min());
                highest = Math.Max(highest, upper.Max());
            }
            else
            {
                // Keep the method in the legend even when nothing can be drawn.
                var empty = plot.Add.Scatter(new double[] { double.NaN }, new double[] { double.NaN }, color);
                empty.LegendText = methods[i].Label + " (every mean non-finite)";
            }
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y.ToString("0", Inv)}",
        };
        plot.Axes.SetLimitsY(Math.Floor(Math.Min(lowest, -16.5)) - 0.5, Math.Ceiling(Math.Max(highest, 0)) + 0.5);
        plot.Title($"Fig. 3a: Leontief equilibrium, {dataset}, {budget} iterations");
        plot.XLabel("model dimension (leading sectors)");
        plot.YLabel("relative error ||x - f(x)|| / ||x||  (0 drawn at 1e-17)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, PlotWidth, PlotHeight);
        return path;
    }

    /// <summary>Fixed-width tables, one per (dataset, budget): one row per method, one column per dimension, with
    /// the mean residual (and std over the tables) and, below, the mean distance to the LU solution.</summary>
    public static string SummaryTable(IReadOnlyList<Fig3aSummary> summary)
    {
        var sb = new StringBuilder();
        foreach (var group in summary.GroupBy(s => (s.Dataset, s.Budget)))
        {
            int count = group.Max(s => s.Count);
            Table(sb, group.ToList(), $"{group.Key.Dataset}, budget {group.Key.Budget} iterations: mean relative error ||x - f(x)|| / ||x||" + (count > 1 ? $" (std) over {count} tables" : string.Empty),
                s => (count > 1 ? $"{E(s.Mean)} ({E(s.Std)})" : E(s.Mean)) + (s.NonFinite > 0 ? $" [{s.NonFinite} NaN/inf]" : string.Empty));
            Table(sb, group.ToList(), $"  same runs, mean ||x - x*|| / ||x*|| against MathNet LU", s => E(s.SolutionErrorMean));
        }

        return sb.ToString();
    }

    private static void Table(StringBuilder sb, IReadOnlyList<Fig3aSummary> rows, string title, Func<Fig3aSummary, string> cell)
    {
        var dims = rows.Select(s => s.Dimension).Distinct().Order().ToList();
        sb.AppendLine(title);
        sb.Append($"  {"method",-22}");
        foreach (int d in dims)
        {
            sb.Append($" {("n = " + d),20}");
        }

        sb.AppendLine();
        foreach (var method in rows.Select(s => s.Method).Distinct())
        {
            sb.Append($"  {method,-22}");
            foreach (int d in dims)
            {
                var s = rows.FirstOrDefault(r => r.Method == method && r.Dimension == d);
                sb.Append($" {(s is null ? "-" : cell(s)),20}");
            }

            sb.AppendLine();
        }

        sb.AppendLine();
    }

    private static double Log10(double v) => Math.Log10(Math.Max(v, PlotFloor));

    private static string R(double v) => v.ToString("R", Inv);

    private static string E(double v) => double.IsFinite(v) ? v.ToString("0.0E+00", Inv) : v.ToString(Inv);

    private static string Formulation(string key) => Fig3aExperiment.Methods.FirstOrDefault(m => m.Key == key)?.Formulation ?? key;

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}
