using System.CommandLine;
using System.Globalization;
using System.Text;
using LieInter.Samples.Compartments;
using ScottPlot;
using Spectre.Console;

var output = new Option<string>("--output") { Description = "Output directory", DefaultValueFactory = _ => Path.Combine("artifacts", "compartments") };
var seed = new Option<ulong>("--seed") { Description = "Seed of the MLP initialisation", DefaultValueFactory = _ => 11UL };

var root = new RootCommand("LieInter: compartmentalized interventions (Def. 5, Prop. 4 and Fig. 5 of Besserve and Schoelkopf, UAI 2022).")
{
    output, seed,
};
root.SetAction(parse =>
{
    var console = AnsiConsole.Console;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var baseline = new CompartmentSettings();
    var settings = baseline with { Network = baseline.Network with { Seed = parse.GetValue(seed) } };
    var result = CompartmentExperiment.Run(settings, line => console.MarkupLine(Markup.Escape(line)));

    console.MarkupLine("Prop. 4, structure:");
    foreach (var c in result.Structure.Conditions)
    {
        console.MarkupLine($"  [{(c.Holds ? "green" : "red")}]{(c.Holds ? "holds" : "FAILS")}[/]: {Markup.Escape(c.Description)}");
    }

    console.MarkupLine("Prop. 3 for each invariant intervention (free parameters D1 and D3):");
    foreach (var c in result.Proposition3.SelectMany(r => r.Conditions))
    {
        console.MarkupLine($"  [{(c.Holds ? "green" : "red")}]{(c.Holds ? "holds" : "FAILS")}[/]: {Markup.Escape(c.Description)}");
    }

    var table = new Table().Title("Cross-compartment sensitivity / own sensitivity, largest over the grid").AddColumns("", "C1: |dx/dv| / |dx/du|", "C2: |dx/du| / |dx/dv|");
    table.AddRow("invariant interventions (II)", E(result.Grid.Max(p => p.CrossRatio1)), E(result.Grid.Max(p => p.CrossRatio2)));
    table.AddRow("plain Lie interventions (LI), smallest", E(result.Grid.Min(p => p.PlainLieCrossRatio1)), E(result.Grid.Min(p => p.PlainLieCrossRatio2)));
    console.Write(table);

    string directory = parse.GetValue(output)!;
    Directory.CreateDirectory(directory);
    var csv = new StringBuilder("u_factor,v_factor,d1,x2_reference,x2_invariant,x2_lie,x1_reference,x1_invariant,x1_lie,x4_reference,x4_invariant,x4_lie,cross_ratio_c1,cross_ratio_c2,lie_cross_ratio_c1,lie_cross_ratio_c2\n");
    foreach (var p in result.Grid)
    {
        csv.AppendLine(string.Join(",", new[] { p.FactorU, p.FactorV, p.D1, p.Reference[CompartmentModel.IndexX2], p.Invariant[CompartmentModel.IndexX2], p.PlainLie[CompartmentModel.IndexX2], p.Reference[CompartmentModel.IndexX1], p.Invariant[CompartmentModel.IndexX1], p.PlainLie[CompartmentModel.IndexX1], p.Reference[CompartmentModel.IndexX4], p.Invariant[CompartmentModel.IndexX4], p.PlainLie[CompartmentModel.IndexX4], p.CrossRatio1, p.CrossRatio2, p.PlainLieCrossRatio1, p.PlainLieCrossRatio2 }
            .Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }

    var files = new List<string> { Path.Combine(directory, "fig5.csv"), Path.Combine(directory, "fig5a_invariant_node.png"), Path.Combine(directory, "fig5b_intervened_node.png") };
    File.WriteAllText(files[0], csv.ToString());
    double d1 = settings.GridD1[settings.GridD1.Count / 2];
    var slice = result.Grid.Where(p => p.D1 == d1).ToList();
    Figure(files[1], slice, CompartmentModel.IndexX2, "Fig. 5a: invariant node X2 of compartment 1", "X2");
    Figure(files[2], slice, CompartmentModel.IndexX1, "Fig. 5b: intervened node X1 of compartment 1", "X1");
    foreach (var f in files)
    {
        console.MarkupLine($"wrote {Markup.Escape(f)}");
    }

    console.MarkupLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
    return result.Structure.AllHold && result.MaxCrossRatio <= 1e-3 ? 0 : 2;
});
return root.Parse(args).Invoke();

static string E(double v) => v.ToString("E2", CultureInfo.InvariantCulture);

// One line per v: II solid, LI dashed, the unintervened value in black, against e^u.
static void Figure(string path, IReadOnlyList<CompartmentPoint> points, int node, string title, string label)
{
    var plot = new Plot();
    var palette = new ScottPlot.Palettes.Category10();
    var factorsU = points.Select(p => p.FactorU).Distinct().Order().ToArray();
    var reference = plot.Add.Scatter(factorsU, factorsU.Select(u => points.First(p => p.FactorU == u).Reference[node]).ToArray());
    reference.LegendText = "unintervened";
    reference.Color = Colors.Black;
    reference.LineWidth = 3;
    reference.MarkerSize = 0;
    int k = 0;
    foreach (var group in points.GroupBy(p => p.FactorV).OrderBy(g => g.Key))
    {
        var color = palette.GetColor(k++);
        var rows = group.OrderBy(p => p.FactorU).ToList();
        var ii = plot.Add.Scatter(rows.Select(p => p.FactorU).ToArray(), rows.Select(p => p.Invariant[node]).ToArray());
        ii.LegendText = $"II, e^v = {group.Key.ToString("0.##", CultureInfo.InvariantCulture)}";
        ii.Color = color;
        ii.MarkerSize = 5;
        var li = plot.Add.Scatter(rows.Select(p => p.FactorU).ToArray(), rows.Select(p => p.PlainLie[node]).ToArray());
        li.LegendText = $"LI, e^v = {group.Key.ToString("0.##", CultureInfo.InvariantCulture)}";
        li.Color = color;
        li.LinePattern = LinePattern.Dashed;
        li.MarkerSize = 0;
    }

    plot.Title(title);
    plot.XLabel("e^u (intervention on compartment 1)");
    plot.YLabel(label);
    plot.ShowLegend(Alignment.UpperLeft);
    plot.SavePng(path, 860, 600);
}
