using System.Globalization;
using System.Text;
using LieInter.Models;
using ScottPlot;
using static LieInter.Samples.SampleOutput;

namespace LieInter.Samples.Compartments;

/// <summary>Fig. 5a and 5b as PNG, and every evaluation point as CSV.</summary>
public static class CompartmentOutputs
{
    public static IReadOnlyList<string> Write(CompartmentResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        string csv = WriteCsv(Path.Combine(directory, "fig5_grid.csv"), result);
        var fig = result.Figure5;
        string a = Plot(Path.Combine(directory, "fig5a_invariant_node.png"), fig, CompartmentModel.R1,
            "Fig. 5a: invariant node of compartment 1 (Trader1)", "Trader1 output");
        string b = Plot(Path.Combine(directory, "fig5b_intervened_node.png"), fig, CompartmentModel.T1,
            "Fig. 5b: intervened node of compartment 1 (Target1)", "Target1 output");
        return [csv, a, b];
    }

    private static string WriteCsv(string path, CompartmentResult result)
    {
        var text = new StringBuilder().AppendLine(string.Join(",",
            "supplier1_demand", "supplier2_demand", "u_factor", "v_factor",
            "trader1_reference", "trader1_ii", "trader1_li",
            "target1_reference", "target1_ii", "target1_li", "target1_ideal",
            "trader2_reference", "trader2_ii", "trader2_li",
            "ii_du_own", "ii_du_cross", "ii_du_ratio", "ii_dv_own", "ii_dv_cross", "ii_dv_ratio",
            "ii_du_ratio_fd", "ii_dv_ratio_fd",
            "li_du_own", "li_du_cross", "li_du_ratio", "li_dv_own", "li_dv_cross", "li_dv_ratio"));
        foreach (var p in result.Points)
        {
            var (iu, iv) = (p.InvariantTangent[CompartmentModel.U], p.InvariantTangent[CompartmentModel.V]);
            var (lu, lv) = (p.PlainTangent[CompartmentModel.U], p.PlainTangent[CompartmentModel.V]);
            text.AppendLine(Row(
                p.Supplier1Demand, p.Supplier2Demand, p.UFactor, p.VFactor,
                p.Reference[CompartmentModel.R1], p.Invariant[CompartmentModel.R1], p.PlainLie[CompartmentModel.R1],
                p.Reference[CompartmentModel.T1], p.Invariant[CompartmentModel.T1], p.PlainLie[CompartmentModel.T1], p.Ideal[CompartmentModel.T1],
                p.Reference[CompartmentModel.R2], p.Invariant[CompartmentModel.R2], p.PlainLie[CompartmentModel.R2],
                iu.OwnMax, iu.CrossMax, iu.Ratio, iv.OwnMax, iv.CrossMax, iv.Ratio,
                p.InvariantDifference[CompartmentModel.U].Ratio, p.InvariantDifference[CompartmentModel.V].Ratio,
                lu.OwnMax, lu.CrossMax, lu.Ratio, lv.OwnMax, lv.CrossMax, lv.Ratio));
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>One line per v: II solid, LI dashed (same colour), reference black, against the factor of u.</summary>
    private static string Plot(string path, IReadOnlyList<CompartmentPoint> points, int node, string title, string yLabel)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        // The reference first, so the II lines that lie on it stay visible.
        var reference = points.OrderBy(p => p.UFactor).DistinctBy(p => p.UFactor).ToList();
        Line(plot, reference.Select(p => p.UFactor).ToArray(), reference.Select(p => p.Reference[node]).ToArray(), "reference (unintervened)", Colors.Black, LinePattern.Solid, 4, 0);
        var byV = points.GroupBy(p => p.VFactor).OrderBy(g => g.Key).ToList();
        for (int k = 0; k < byV.Count; k++)
        {
            var line = byV[k].OrderBy(p => p.UFactor).ToList();
            var u = line.Select(p => p.UFactor).ToArray();
            var color = palette.GetColor(k);
            Line(plot, u, line.Select(p => p.Invariant[node]).ToArray(), $"II, v factor {byV[k].Key:0.##}", color, LinePattern.Solid, 2, 5);
            Line(plot, u, line.Select(p => p.PlainLie[node]).ToArray(), $"LI, v factor {byV[k].Key:0.##}", color, LinePattern.Dashed, 1.5f, 0);
        }

        plot.Title(title);
        plot.XLabel("factor of intervention U on Target1 (e^u)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 620);
        return path;
    }
}
