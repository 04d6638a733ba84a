using System.Globalization;
using System.Text;
using ScottPlot;
using static LieInter.Samples.SampleOutput;

namespace LieInter.Samples.Motivating;

/// <summary>The motivating example's CSV files and PNG plots.</summary>
public static class MotivatingOutputs
{
    public const string LinearGridCsv = "linear_invariance.csv";
    public const string LinearTangentCsv = "linear_tangents.csv";
    public const string LinearCurveCsv = "linear_z_vs_u_y.csv";
    public const string NonlinearCsv = "nonlinear_invariance.csv";
    public const string NonlinearCurveCsv = "nonlinear_z_vs_u_y.csv";
    public const string AssignmentCsv = "nonlinear_assignment.csv";
    public const string TwoFreeCsv = "nonlinear_two_free_parameters.csv";
    public const string LinearCurvePng = "linear_z_vs_u_y.png";
    public const string NonlinearCurvePng = "nonlinear_z_vs_u_y.png";
    public const string NonlinearAlphaPng = "nonlinear_z_vs_alpha.png";
    public const string AssignmentPng = "nonlinear_assignment.png";

    /// <summary>Writes every file into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(MotivatingResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var files = new List<string>
        {
            Csv(directory, LinearGridCsv, "tau,alpha,beta,gamma,u_y,z_closed_form,z_u_z_is_1_over_u_y,z_u_z_is_1,relative_error",
                result.Linear.Select(p => Row(p.Tau, p.Alpha, p.Beta, p.Gamma, p.Uy, p.ClosedForm, p.Invariant, p.PlainLie, p.RelativeError))),
            Csv(directory, LinearTangentCsv, "tau,alpha,beta,gamma,dz_ds_compensated,dz_ds_plain,dz_ds_closed_form,dz_ds_central_difference",
                result.Tangents.Select(t => Row(t.Tau, t.Alpha, t.Beta, t.Gamma, t.CompensatedDerivative, t.PlainDerivative, t.ClosedFormDerivative, t.FiniteDifference))),
            Csv(directory, LinearCurveCsv, "u_y,z_closed_form,z_u_z_is_1_over_u_y,z_u_z_is_1",
                result.LinearCurve.Select(p => Row(p.Uy, p.ClosedForm, p.Invariant, p.PlainLie))),
            Csv(directory, NonlinearCsv, "scenario,u_y,alpha,gamma,z_reference,z_plain_lie,z_invariant,relative_error",
                result.Nonlinear.SelectMany(r => r.Points).Select(p => $"{p.Scenario.Replace(',', ';')},{Row(p.Uy, p.Alpha, p.Gamma, p.Reference, p.PlainLie, p.Invariant, p.RelativeError)}")),
            Csv(directory, NonlinearCurveCsv, "series,u_y,z",
                result.NonlinearCurve.PlainLie.Select(p => $"plain_lie,{Row(p.Uy, p.PlainLie)}")
                    .Concat(result.NonlinearCurve.Invariant.Select(p => $"invariant,{Row(p.Uy, p.Invariant)}"))
                    .Append($"reference,{Row(1.0, result.NonlinearCurve.Reference)}")),
            Csv(directory, AssignmentCsv, "u_y,y,z_learned,z_ideal,z_original",
                result.Nonlinear.SelectMany(r => r.Assignment.Y.Select((y, i) => Row(r.Uy, y, r.Assignment.Learned[i], r.Assignment.Ideal[i], r.Assignment.Original[i])))),
        };
        if (result.TwoFree is { } two)
        {
            files.Add(Csv(directory, TwoFreeCsv, "scenario,u_y,alpha,gamma,z_reference,z_plain_lie,z_invariant,relative_error",
                two.Points.Select(p => $"{p.Scenario.Replace(',', ';')},{Row(p.Uy, p.Alpha, p.Gamma, p.Reference, p.PlainLie, p.Invariant, p.RelativeError)}")));
        }

        files.Add(LinearCurvePlot(result, Path.Combine(directory, LinearCurvePng)));
        files.Add(NonlinearCurvePlot(result, Path.Combine(directory, NonlinearCurvePng)));
        files.Add(NonlinearAlphaPlot(result, Path.Combine(directory, NonlinearAlphaPng)));
        files.Add(AssignmentPlot(result, Path.Combine(directory, AssignmentPng)));
        return files;
    }

    private static string LinearCurvePlot(MotivatingResult result, string path)
    {
        var plot = new Plot();
        var uy = result.LinearCurve.Select(p => p.Uy).ToArray();
        Line(plot, uy, result.LinearCurve.Select(p => p.ClosedForm).ToArray(), "reference z* (closed form)", Colors.Black, LinePattern.Solid, 2, 0);
        Line(plot, uy, result.LinearCurve.Select(p => p.PlainLie).ToArray(), "Lie intervention (u_z = 1)", Colors.Red, LinePattern.Dashed, 2, 0);
        Line(plot, uy, result.LinearCurve.Select(p => p.Invariant).ToArray(), "invariant intervention (u_z = 1/u_y)", Colors.Blue, LinePattern.Solid, 0, 6);
        var p0 = result.LinearCurve[0];
        Finish(plot, path, $"Linear eq. (4) at (tau, alpha, beta, gamma) = ({F(p0.Tau)}, {F(p0.Alpha)}, {F(p0.Beta)}, {F(p0.Gamma)})", "u_y");
        return path;
    }

    private static string NonlinearCurvePlot(MotivatingResult result, string path)
    {
        var curve = result.NonlinearCurve;
        var plot = new Plot();
        var uy = curve.PlainLie.Select(p => p.Uy).ToArray();
        Line(plot, uy, uy.Select(_ => curve.Reference).ToArray(), "reference z*", Colors.Black, LinePattern.Solid, 2, 0);
        Line(plot, uy, curve.PlainLie.Select(p => p.PlainLie).ToArray(), "Lie intervention on y", Colors.Red, LinePattern.Dashed, 2, 0);
        Line(plot, curve.Invariant.Select(p => p.Uy).ToArray(), curve.Invariant.Select(p => p.Invariant).ToArray(), "learned invariant intervention", Colors.Blue, LinePattern.Solid, 0, 8);
        Finish(plot, path, $"z = tanh(gamma y) at held-out alpha = {F(curve.Alpha)}", "u_y");
        return path;
    }

    private static string NonlinearAlphaPlot(MotivatingResult result, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var first = result.Nonlinear[0].Points;
        Line(plot, first.Select(p => p.Alpha).ToArray(), first.Select(p => p.Reference).ToArray(), "reference z*", Colors.Black, LinePattern.Solid, 2, 0);
        int k = 0;
        foreach (var run in result.Nonlinear)
        {
            var color = palette.GetColor(k++);
            var alpha = run.Points.Select(p => p.Alpha).ToArray();
            Line(plot, alpha, run.Points.Select(p => p.PlainLie).ToArray(), $"Lie, u_y = {F(run.Uy)}", color, LinePattern.Dashed, 1, 0);
            Line(plot, alpha, run.Points.Select(p => p.Invariant).ToArray(), $"invariant, u_y = {F(run.Uy)}", color, LinePattern.Solid, 0, 4);
        }

        Finish(plot, path, "z = tanh(gamma y) on the held-out alpha grid", "alpha", Alignment.LowerRight);
        return path;
    }

    private static string AssignmentPlot(MotivatingResult result, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var run in result.Nonlinear)
        {
            var color = palette.GetColor(k++);
            var a = run.Assignment;
            Line(plot, a.Y, a.Ideal, $"tanh(gamma y / u_y), u_y = {F(run.Uy)}", color, LinePattern.Solid, 2, 0);
            Line(plot, a.Y.Where((_, i) => i % 5 == 0).ToArray(), a.Learned.Where((_, i) => i % 5 == 0).ToArray(), $"learned, u_y = {F(run.Uy)}", color, LinePattern.Solid, 0, 5);
        }

        Finish(plot, path, "Learned soft intervention on z against the exact one", "y (parent of z)", Alignment.LowerRight);
        return path;
    }

    private static void Finish(Plot plot, string path, string title, string xLabel, Alignment legend = Alignment.UpperLeft)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("z");
        plot.ShowLegend(legend);
        plot.SavePng(path, 900, 600);
    }

    private static string Csv(string directory, string name, string header, IEnumerable<string> rows)
    {
        var text = new StringBuilder().Append(header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
