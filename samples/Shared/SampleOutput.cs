using System.Globalization;
using ScottPlot;

namespace LieInter.Samples;

/// <summary>The CSV and plot pieces every experiment sample writes with (linked into each sample project, so the
/// samples stay single projects).</summary>
internal static class SampleOutput
{
    /// <summary>One CSV row, round-trip formatted in the invariant culture.</summary>
    public static string Row(params double[] values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Adds a labelled line (width 0 for markers only, marker size 0 for a plain line).</summary>
    public static void Line(Plot plot, double[] x, double[] y, string label, Color color, LinePattern pattern, float width, float marker)
    {
        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = width;
        line.MarkerSize = marker;
    }
}
