using System.CommandLine;
using System.Globalization;
using System.Text;
using LieInter.Samples.Motivating;
using ScottPlot;
using Spectre.Console;

var output = new Option<string>("--output") { Description = "Output directory", DefaultValueFactory = _ => Path.Combine("artifacts", "motivating-example") };
var seed = new Option<ulong>("--seed") { Description = "Seed of the MLP initialisation", DefaultValueFactory = _ => 3UL };

var root = new RootCommand("LieInter: the motivating example of Sec. 3.3 (eq. 4): a closed-form invariant intervention in the linear model and a learned one in the nonlinear model.")
{
    output, seed,
};
root.SetAction(parse =>
{
    var console = AnsiConsole.Console;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var baseline = new MotivatingSettings();
    var settings = baseline with { Network = baseline.Network with { Seed = parse.GetValue(seed) } };
    var result = MotivatingExperiment.Run(settings, line => console.MarkupLine(Markup.Escape(line)));

    console.MarkupLine($"Linear eq. (4), {result.Linear.Count} points (tau, alpha, beta, gamma, u_y): with u_z = 1/u_y the largest relative error of z against z* = gamma alpha tau / (1 - beta gamma) is {result.LinearMaxRelativeError:E2}; with u_z = 1 z moves by at least {result.LinearMinPlainLieChange:P1} (u_y != 1).");
    console.MarkupLine("Prop. 3 for the nonlinear model at alpha = 0.5 (free parameter alpha):");
    foreach (var c in result.Conditions.Conditions)
    {
        console.MarkupLine($"  [{(c.Holds ? "green" : "red")}]{(c.Holds ? "holds" : "FAILS")}[/]: {Markup.Escape(c.Description)}");
    }

    var table = new Table().Title("Nonlinear z = tanh(gamma y): learned invariant intervention on held-out alpha").AddColumns("u_y", "epochs", "training rel. RMSE", "held-out RMSE", "largest rel. error", "z moves under plain Lie by");
    foreach (var run in result.Nonlinear)
    {
        double move = run.Points.Max(p => Math.Abs(p.PlainLie - p.Reference) / Math.Abs(p.Reference));
        table.AddRow(F(run.Uy), run.Training.Epochs.ToString(CultureInfo.InvariantCulture), run.Training.FinalRelativeRmse.ToString("E2", CultureInfo.InvariantCulture),
            run.HeldOut.Rmse.ToString("E2", CultureInfo.InvariantCulture), run.HeldOut.MaxRelativeError.ToString("E2", CultureInfo.InvariantCulture), move.ToString("P1", CultureInfo.InvariantCulture));
    }

    console.Write(table);
    string directory = parse.GetValue(output)!;
    Directory.CreateDirectory(directory);
    var linearCsv = new StringBuilder("tau,alpha,beta,gamma,u_y,z_closed_form,z_u_z_is_1_over_u_y,z_u_z_is_1\n");
    foreach (var p in result.Linear)
    {
        linearCsv.AppendLine(Row(p.Tau, p.Alpha, p.Beta, p.Gamma, p.Uy, p.ClosedForm, p.Invariant, p.PlainLie));
    }

    var nonlinearCsv = new StringBuilder("u_y,alpha,z_reference,z_plain_lie,z_invariant,relative_error\n");
    foreach (var p in result.Nonlinear.SelectMany(r => r.Points))
    {
        nonlinearCsv.AppendLine(Row(p.Uy, p.Alpha, p.Reference, p.PlainLie, p.Invariant, p.RelativeError));
    }

    var files = new List<string> { Path.Combine(directory, "linear_invariance.csv"), Path.Combine(directory, "nonlinear_invariance.csv"), Path.Combine(directory, "nonlinear_invariance.png") };
    File.WriteAllText(files[0], linearCsv.ToString());
    File.WriteAllText(files[1], nonlinearCsv.ToString());

    var plot = new Plot();
    var palette = new ScottPlot.Palettes.Category10();
    var first = result.Nonlinear[0].Points;
    var reference = plot.Add.Scatter(first.Select(p => p.Alpha).ToArray(), first.Select(p => p.Reference).ToArray());
    reference.LegendText = "reference z*";
    reference.Color = Colors.Black;
    reference.MarkerSize = 0;
    reference.LineWidth = 2;
    int k = 0;
    foreach (var run in result.Nonlinear)
    {
        var color = palette.GetColor(k++);
        var lie = plot.Add.Scatter(run.Points.Select(p => p.Alpha).ToArray(), run.Points.Select(p => p.PlainLie).ToArray());
        lie.LegendText = $"Lie, u_y = {F(run.Uy)}";
        lie.LinePattern = LinePattern.Dashed;
        lie.Color = color;
        lie.MarkerSize = 0;
        var inv = plot.Add.Scatter(run.Points.Select(p => p.Alpha).ToArray(), run.Points.Select(p => p.Invariant).ToArray());
        inv.LegendText = $"invariant, u_y = {F(run.Uy)}";
        inv.Color = color;
        inv.LineWidth = 0;
        inv.MarkerSize = 4;
    }

    plot.Title("z = tanh(gamma y): plain Lie intervention on y against the learned invariant one");
    plot.XLabel("alpha");
    plot.YLabel("z");
    plot.ShowLegend(Alignment.UpperLeft);
    plot.SavePng(files[2], 800, 560);
    foreach (var f in files)
    {
        console.MarkupLine($"wrote {Markup.Escape(f)}");
    }

    console.MarkupLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
    return result.LinearMaxRelativeError <= 1e-12 && result.NonlinearMaxRelativeError <= 1e-3 ? 0 : 2;
});
return root.Parse(args).Invoke();

static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

static string Row(params double[] values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
