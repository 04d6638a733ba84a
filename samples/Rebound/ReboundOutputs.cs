using System.Globalization;
using System.Text;
using LieInter.Models;
using ScottPlot;
using static LieInter.Samples.SampleOutput;

namespace LieInter.Samples.Rebound;

/// <summary>Fig. 4a and 4b as CSV and PNG.</summary>
public static class ReboundOutputs
{
    public static IReadOnlyList<string> Write(ReboundResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var grid = result.Grid;
        int e = ReboundModel.Energy;
        var a = grid.Select(p => p.A).ToArray();
        string priceCsv = WriteCsv(Path.Combine(directory, "fig4a_price.csv"),
            "a,reference_p0,lie_p0,invariant_consumer_p0,tax0",
            grid.Select(p => Row(p.A, p.ReferenceP[0], p.LieP[0], p.InvariantConsumerPrice0, p.Tax0)));
        string energyCsv = WriteCsv(Path.Combine(directory, "fig4b_energy.csv"),
            "a,reference_x1,lie_x1,ideal_invariant_x1,invariant_x1,deviation_from_ideal,reference_demand0,invariant_demand0",
            grid.Select(p => Row(p.A, p.ReferenceX[e], p.LieX[e], p.IdealX[e], p.InvariantX[e], p.DeviationFromIdeal, p.ReferenceDemand0, p.InvariantDemand0)));

        string pricePng = Plot(Path.Combine(directory, "fig4a_price.png"), a,
            $"Fig. 4a: unit price of sector 0 (efficiency d = {result.Settings.Efficiency})", "price seen by sector 0's demand",
            ("reference", grid.Select(p => p.ReferenceP[0]).ToArray(), Colors.Black, LinePattern.Solid),
            ("Lie intervention", grid.Select(p => p.LieP[0]).ToArray(), Colors.Red, LinePattern.Dashed),
            ("invariant intervention", grid.Select(p => p.InvariantConsumerPrice0).ToArray(), Colors.Blue, LinePattern.Solid));
        string energyPng = Plot(Path.Combine(directory, "fig4b_energy.png"), a,
            $"Fig. 4b: energy output x_1 (efficiency d = {result.Settings.Efficiency})", "energy sector output",
            ("reference", grid.Select(p => p.ReferenceX[e]).ToArray(), Colors.Black, LinePattern.Solid),
            ("Lie intervention", grid.Select(p => p.LieX[e]).ToArray(), Colors.Red, LinePattern.Dashed),
            ("invariant intervention", grid.Select(p => p.InvariantX[e]).ToArray(), Colors.Blue, LinePattern.Solid),
            ("ideal invariant", grid.Select(p => p.IdealX[e]).ToArray(), Colors.Gray, LinePattern.Dotted));
        return [priceCsv, energyCsv, pricePng, energyPng];
    }

    private static string WriteCsv(string path, string header, IEnumerable<string> rows)
    {
        var text = new StringBuilder().AppendLine(header);
        foreach (var row in rows)
        {
            text.AppendLine(row);
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Plot(string path, double[] a, string title, string yLabel, params (string Label, double[] Values, Color Color, LinePattern Pattern)[] lines)
    {
        var plot = new Plot();
        foreach (var (label, values, color, pattern) in lines)
        {
            Line(plot, a, values, label, color, pattern, 2, 0);
        }

        plot.Title(title);
        plot.XLabel("a = A[0, 1]");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 800, 560);
        return path;
    }
}
