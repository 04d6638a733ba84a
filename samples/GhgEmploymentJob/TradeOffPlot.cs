using ScottPlot;

namespace LieInter.Samples.GhgEmployment;

/// <summary>Fig. 3b-c: GHG change against employment change along the lambda path, one line per year.</summary>
public static class TradeOffPlot
{
    public static string Write(string path, string country, IReadOnlyList<TableRun> runs, double employmentTargetPercent)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var run in runs.OrderBy(r => r.Year))
        {
            var points = run.Points.OrderBy(p => p.EmploymentChangePercent).ToList();
            var line = plot.Add.Scatter(points.Select(p => p.EmploymentChangePercent).ToArray(), points.Select(p => p.GhgChangePercent).ToArray());
            line.LegendText = run.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            line.Color = palette.GetColor(k++);
            line.MarkerSize = 5;
            var at = Job.AtEmploymentChange(run, employmentTargetPercent);
            var cross = plot.Add.Marker(at.EmploymentChangePercent, at.GhgChangePercent, MarkerShape.Cross, 12, line.Color);
            cross.LegendText = string.Empty;
        }

        var target = plot.Add.VerticalLine(employmentTargetPercent);
        target.LinePattern = LinePattern.Dashed;
        target.Color = Colors.Gray;
        plot.Title($"{country}: optimised multiplicative interventions (eq. 5)");
        plot.XLabel("employment change (%)");
        plot.YLabel("GHG emissions change (%)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 600);
        return path;
    }
}
