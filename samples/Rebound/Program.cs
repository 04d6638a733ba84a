using System.CommandLine;
using System.Globalization;
using LieInter.Models;
using LieInter.Samples.Rebound;
using LieInter.Torch;
using Spectre.Console;

var output = new Option<string>("--output") { Description = "Output directory", DefaultValueFactory = _ => Path.Combine("artifacts", "rebound") };
var efficiency = new Option<double>("--efficiency") { Description = "Energy efficiency d of the intervention (energy row of A scaled by d)", DefaultValueFactory = _ => 0.6 };
var points = new Option<int>("--points") { Description = "Points of the evaluation grid over a = A[0, 1] in [0.01, 0.19]", DefaultValueFactory = _ => 61 };
var method = new Option<string>("--method") { Description = "Training method: lm (Levenberg-Marquardt) or adam (the paper's optimiser)", DefaultValueFactory = _ => "lm" };
var epochs = new Option<int?>("--epochs") { Description = "Epoch limit (default: 200 for lm, 3000 for adam)" };
var seed = new Option<ulong>("--seed") { Description = "Seed of the MLP initialisation", DefaultValueFactory = _ => 7UL };

var root = new RootCommand("LieInter: the rebound effect and an invariant tax that stops it (Fig. 4 of Besserve and Schoelkopf, UAI 2022).")
{
    output, efficiency, points, method, epochs, seed,
};
root.SetAction(parse =>
{
    var console = AnsiConsole.Console;
    var baseline = new ReboundSettings();
    var trainingMethod = parse.GetValue(method) switch
    {
        "lm" => InvarianceTrainingMethod.LevenbergMarquardt,
        "adam" => InvarianceTrainingMethod.Adam,
        var other => (InvarianceTrainingMethod?)null,
    };
    if (trainingMethod is null)
    {
        Console.Error.WriteLine($"Unknown training method '{parse.GetValue(method)}': use lm or adam.");
        return 1;
    }

    int epochLimit = parse.GetValue(epochs) ?? (trainingMethod == InvarianceTrainingMethod.Adam ? 3000 : baseline.Training.MaxEpochs);
    var settings = baseline with
    {
        Efficiency = parse.GetValue(efficiency),
        GridPoints = parse.GetValue(points),
        Network = baseline.Network with { Seed = parse.GetValue(seed) },
        Training = baseline.Training with { Method = trainingMethod.Value, MaxEpochs = epochLimit },
    };
    if (!(settings.Efficiency > 0) || settings.GridPoints < 2)
    {
        Console.Error.WriteLine($"Need an efficiency above 0 and at least 2 grid points; got {settings.Efficiency} and {settings.GridPoints}.");
        return 1;
    }

    // Closed forms first: the numbers the paper's setting implies, solved by hand.
    var closed = new Table().Title("Closed forms (linear solves, no generated code)").AddColumns("case", "x", "p");
    foreach (var (label, a, d, pin) in new (string, double, double, bool)[] { ("reference a = 0.1", 0.1, 1, false), ($"Lie d = {settings.Efficiency} a = 0.1", 0.1, settings.Efficiency, false), ($"ideal invariant a = 0.1", 0.1, settings.Efficiency, true), ("reference a = 0.01", 0.01, 1, false), ("reference a = 0.19", 0.19, 1, false) })
    {
        double? price0 = pin ? ReboundClosedForm.Solve(a, 1).P[0] : null;
        var (x, p, _) = ReboundClosedForm.Solve(a, d, price0);
        closed.AddRow(label, Format(x), Format(p));
    }

    console.Write(closed);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var result = ReboundExperiment.Run(settings);
    console.MarkupLine($"Prop. 3 at a = 0.1 (free parameter A[[0, 1]]):");
    foreach (var c in result.Conditions.Conditions)
    {
        console.MarkupLine($"  [{(c.Holds ? "green" : "red")}]{(c.Holds ? "holds" : "FAILS")}[/]: {Markup.Escape(c.Description)}");
    }

    console.MarkupLine($"Training: {Markup.Escape(result.Training.ToString())}");
    console.MarkupLine($"Held-out grid ({result.Grid.Count} values of a, d = {settings.Efficiency}): {Markup.Escape(result.Invariance.ToString())}");
    var table = new Table().Title("Energy output x_1 and sector 0's price").AddColumns("a", "x1 ref", "x1 Lie", "x1 inv", "x1 ideal", "p0 ref", "p0 Lie", "q0 inv");
    int e = ReboundModel.Energy;
    foreach (var p in result.Grid.Where((_, k) => k % Math.Max(1, result.Grid.Count / 10) == 0 || k == result.Grid.Count - 1))
    {
        table.AddRow(F(p.A, 3), F(p.ReferenceX[e], 4), F(p.LieX[e], 4), F(p.InvariantX[e], 4), F(p.IdealX[e], 4), F(p.ReferenceP[0], 4), F(p.LieP[0], 4), F(p.InvariantConsumerPrice0, 4));
    }

    console.Write(table);
    console.MarkupLine($"Largest |x_invariant - x_ideal| over the grid: {result.MaxDeviationFromIdeal:E2}");
    console.MarkupLine($"Lie intervention backfires at every a: {result.MinBackfire > 0} (smallest extra energy {result.MinBackfire:F4}); invariant intervention saves energy at every a: {result.MinEnergySaving > 0} (smallest saving {result.MinEnergySaving:F4})");
    foreach (var file in ReboundOutputs.Write(result, parse.GetValue(output)!))
    {
        console.MarkupLine($"wrote {Markup.Escape(file)}");
    }

    console.MarkupLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;
});
return root.Parse(args).Invoke();

static string F(double v, int digits = 6) => v.ToString("F" + digits, CultureInfo.InvariantCulture);

static string Format(double[] v) => "(" + string.Join(", ", v.Select(x => F(x))) + ")";
