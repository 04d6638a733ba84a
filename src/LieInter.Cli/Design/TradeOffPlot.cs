using ScottPlot;

namespace LieInter.Cli.Design;

/// <summary>Fig. 3b-c: emissions change against employment change along the lambda path, one line per year. Converged
/// points are filled, unconverged ones hollow; the point nearest the employment target is crossed.</summary>
public static class TradeOffPlot
{
    public static void Write(string path, string country, IReadOnlyList<TableRun> runs, double employmentTargetPercent)
    {
        Build(country, runs, employmentTargetPercent).SavePng(path, 900, 600);
    }

    /// <summary>The plot itself, for writing or inspecting.</summary>
    public static Plot Build(string country, IReadOnlyList<TableRun> runs, double employmentTargetPercent)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        bool anyUnconverged = false;
        string ghgName = runs.Count > 0 ? runs[0].Design.Data.GhgName : "GHG";
        foreach (var run in runs.OrderBy(r => r.Table.Year))
        {
            var points = run.Points.OrderBy(p => p.EmploymentChangePercent).ToList();
            var color = palette.GetColor(k++);
            var line = plot.Add.Scatter(points.Select(p => p.EmploymentChangePercent).ToArray(), points.Select(p => p.GhgChangePercent).ToArray());
            line.LegendText = run.Table.Year is int year ? year.ToString(System.Globalization.CultureInfo.InvariantCulture) : run.Table.Label;
            line.Color = color;
            line.MarkerSize = 0;
            foreach (var p in points)
            {
                plot.Add.Marker(p.EmploymentChangePercent, p.GhgChangePercent, p.Converged ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, p.Converged ? 5 : 9, color);
                anyUnconverged |= !p.Converged;
            }

            var at = run.AtEmploymentChange(employmentTargetPercent);
            plot.Add.Marker(at.EmploymentChangePercent, at.GhgChangePercent, MarkerShape.Cross, 12, color);
        }

        var target = plot.Add.VerticalLine(employmentTargetPercent);
        target.LinePattern = LinePattern.Dashed;
        target.Color = Colors.Gray;
        target.LegendText = $"employment target {employmentTargetPercent:+0.#;-0.#}%";
        LegendMarker(plot, MarkerShape.Cross, 12, "point nearest the target");
        if (anyUnconverged)
        {
            LegendMarker(plot, MarkerShape.OpenCircle, 9, "not converged");
        }

        plot.Title($"{country}: optimised multiplicative interventions (eq. 5)");
        plot.XLabel("employment change (%)");
        plot.YLabel($"{ghgName} emissions change (%)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    // A legend-only entry: ScottPlot's legend lists plottables, so the marker kind gets an item of its own.
    private static void LegendMarker(Plot plot, MarkerShape shape, float size, string text) =>
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = text, MarkerShape = shape, MarkerSize = size, MarkerColor = Colors.Black, LineWidth = 0 });
}
