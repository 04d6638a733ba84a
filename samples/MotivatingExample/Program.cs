using System.CommandLine;
using System.Globalization;
using LieInter.Differentiation;
using LieInter.Samples.Motivating;
using Spectre.Console;

var output = new Option<string>("--output", "--out") { Description = "Output directory", DefaultValueFactory = _ => Path.Combine("artifacts", "motivating-example") };
var seed = new Option<ulong>("--seed") { Description = "Seed of the MLP initialisation", DefaultValueFactory = _ => 3UL };
var skipTwoFree = new Option<bool>("--skip-two-free") { Description = "Skip the counterexample with two free parameters (alpha, gamma)" };

var root = new RootCommand("LieInter: the motivating example of Sec. 3.3 (eq. 4): a closed-form invariant intervention in the linear model and a learned one in the nonlinear model.")
{
    output, seed, skipTwoFree,
};
root.SetAction(parse =>
{
    var console = AnsiConsole.Console;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var baseline = new MotivatingSettings();
    var settings = baseline with { Network = baseline.Network with { Seed = parse.GetValue(seed) }, TwoFreeParameters = !parse.GetValue(skipTwoFree) };
    var result = MotivatingExperiment.Run(settings, line => console.MarkupLine(Markup.Escape(line)));

    var linear = new Table().Title(Markup.Escape("Linear eq. (4): x = tau, y = u_y (alpha x + beta z), z = u_z gamma y")).AddColumns("check", "points", "value", "bound");
    linear.AddRow("largest rel. error of z under u_z = 1/u_y against z* = gamma alpha tau / (1 - beta gamma)", I(result.Linear.Count), E(result.LinearMaxRelativeError), "1e-12");
    linear.AddRow("smallest rel. change of z under u_z = 1 (u_y != 1)", I(result.Linear.Count(p => p.Uy != 1)), result.LinearMinPlainLieChange.ToString("P1", CultureInfo.InvariantCulture), "> 5%");
    linear.AddRow("|dz/ds| along (s, -s) / |dz/ds| along (s, 0) at u = 0", I(result.Tangents.Count), E(result.TangentMaxCompensatedRelative), "1e-12");
    linear.AddRow("dz/ds along (s, 0): rel. error against gamma alpha tau / (1 - beta gamma)^2", I(result.Tangents.Count), E(result.TangentMaxClosedFormError), "1e-12");
    linear.AddRow("dz/ds along (s, 0): rel. error against a central difference (h = 1e-5)", I(result.Tangents.Count), E(result.TangentMaxFiniteDifferenceError), "1e-8");
    console.Write(linear);

    Conditions($"Prop. 3 for z = tanh(gamma y) at theta_ref, free parameter alpha", result.Conditions);

    var nonlinear = new Table().Title(Markup.Escape($"z = tanh(gamma y): learned invariant intervention, {result.Settings.TrainingPoints} training alphas, {result.Settings.GridPoints} held-out alphas in [{F(result.Settings.MinAlpha)}, {F(result.Settings.MaxAlpha)}]"))
        .AddColumns("u_y", "epochs", "train rel. RMSE", "held-out RMSE", "max rel. error", "plain Lie moves z >=", "|f - tanh(gamma y/u_y)|", "|tanh(gamma y/u_y) - tanh(gamma y)|");
    foreach (var run in result.Nonlinear)
    {
        nonlinear.AddRow(F(run.Uy), I(run.Training.Epochs), E(run.Training.FinalRelativeRmse), E(run.HeldOut.Rmse), E(run.HeldOut.MaxRelativeError),
            run.MinPlainLieChange.ToString("P1", CultureInfo.InvariantCulture), E(run.Assignment.MaxDeviation), E(run.Assignment.MaxCorrection));
    }

    nonlinear.AddRow("all", "", "", E(result.NonlinearRmse), E(result.NonlinearMaxRelativeError), "", "", "");
    console.Write(nonlinear);

    if (result.TwoFree is { } two)
    {
        Conditions($"Prop. 3 with free parameters alpha and gamma (one parent y)", two.Conditions);
        console.MarkupLine($"Trained anyway at u_y = {F(two.Uy)} over alpha x gamma: training rel. RMSE {E(two.Training.FinalRelativeRmse)}, held-out largest rel. error {E(two.HeldOut.MaxRelativeError)} ({two.Points.Count} points).");
    }

    var files = MotivatingOutputs.Write(result, parse.GetValue(output)!);
    foreach (var f in files)
    {
        console.MarkupLine($"wrote {Markup.Escape(f)}");
    }

    console.MarkupLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
    return result.LinearMaxRelativeError <= 1e-12 && result.NonlinearMaxRelativeError <= 1e-3 && result.Conditions.AllHold ? 0 : 2;

    void Conditions(string title, InvarianceConditionsReport report)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("condition", "value", "", "detail");
        foreach (var c in report.Conditions)
        {
            table.AddRow(Markup.Escape(c.Name), c.Value.ToString("G4", CultureInfo.InvariantCulture), c.Holds ? "[green]holds[/]" : "[red]fails[/]", Markup.Escape(c.Description));
        }

        console.Write(table);
    }
});
return root.Parse(args).Invoke();

static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

static string E(double v) => v.ToString("E2", CultureInfo.InvariantCulture);

static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
