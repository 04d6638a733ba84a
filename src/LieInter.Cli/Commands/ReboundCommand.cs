using System.CommandLine;
using System.Globalization;
using LieInter.Cli.Output;
using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Models;
using LieInter.Solvers;
using MathNet.Numerics.LinearAlgebra;
using Spectre.Console;

namespace LieInter.Cli.Commands;

/// <summary>
/// <c>lieinter rebound</c>: the rebound effect of Fig. 4 of the paper on its 3-sector price-quantity model, measured
/// as the literature defines it. Engineering saving: energy output saved at fixed final demand; actual saving: at the
/// new equilibrium, where lower prices raise demand; rebound = 1 - actual / engineering (backfire above 100%). Under
/// the plain efficiency intervention, and under the ideal invariant intervention, which holds the price that sector
/// 0's final demand sees at its reference value (a tax that absorbs the price fall). The learned version of that tax
/// (an MLP trained as an invariant intervention) needs TorchSharp and lives in samples/Rebound.
/// </summary>
internal static class ReboundCommand
{
    private static readonly EquilibriumSolverOptions Solver = new() { Tolerances = new SolverOptions { AbsoluteTolerance = 1e-14, RelativeTolerance = 1e-13 } };

    public static Command Create(ToolContext context)
    {
        var output = new Option<string>("--output") { Description = "Output folder for rebound.csv and rebound.png", DefaultValueFactory = _ => Path.Combine("artifacts", "rebound") };
        var efficiency = new Option<double>("--efficiency") { Description = "Energy per unit of output after the gain, d in (0, 1] (0.6: 40% more efficient)", DefaultValueFactory = _ => 0.6 };
        var points = new Option<int>("--points") { Description = "Grid points over a = A[0, 1] in [0.01, 0.19]", DefaultValueFactory = _ => 19 };
        var command = new Command("rebound", "Fig. 4: the rebound of an energy-efficiency gain (engineering against actual saving) and the invariant tax that stops it, on the paper's 3-sector model.")
        {
            output, efficiency, points,
        };
        command.SetAction((parse, cancellation) => context.RunAsync(() =>
        {
            double d = parse.GetValue(efficiency);
            int n = parse.GetValue(points);
            if (!(d > 0 && d <= 1))
            {
                throw new UsageException($"--efficiency {d.ToString(CultureInfo.InvariantCulture)}: it must lie in (0, 1] (the energy a unit of output needs after the gain)");
            }

            if (n < 2)
            {
                throw new UsageException($"--points {n}: the grid needs at least 2 points");
            }

            using var folder = context.PrepareOutput(parse.GetValue(output)!, "rebound");
            var rows = Enumerable.Range(0, n).Select(k =>
            {
                cancellation.ThrowIfCancellationRequested();
                return Measure(0.01 + (0.19 - 0.01) * k / (n - 1), d);
            }).ToList();
            Print(context.Console(), rows, d);
            Write(folder.File("rebound.csv"), rows, d);
            Plot(folder.File("rebound.png"), rows, d);
            foreach (string f in folder.Commit())
            {
                context.Output.WriteLine("  " + f);
            }

            return ExitCode.Success;
        }, cancellation));
        return command;
    }

    /// <summary>Energy output at one value of a: reference, engineering (demand fixed), plain Lie and ideal invariant.</summary>
    internal sealed record ReboundRow(double A, double Reference, double Engineering, double Lie, double Invariant, double Tax)
    {
        public double EngineeringSaving => Reference - Engineering;

        public double LieRebound => 1 - (Reference - Lie) / EngineeringSaving;

        public double InvariantRebound => 1 - (Reference - Invariant) / EngineeringSaving;
    }

    internal static ReboundRow Measure(double a, double d)
    {
        var model = ReboundModel.ThreeSector(a);
        var system = new EquilibriumSystem(model);
        var equilibrium = new DifferentiableEquilibrium(system, Solver);
        var reference = equilibrium.Solve().ToArray();
        double[] X(double[] state) => state.AsSpan(system.Layout.Node(nameof(ReboundModel.X)).Range).ToArray();
        double[] Node(double[] state, string name) => state.AsSpan(system.Layout.Node(name).Range).ToArray();
        var demand = Node(reference, nameof(ReboundModel.Demand));
        double p0 = Node(reference, nameof(ReboundModel.P))[0];

        system.InterventionCoordinates(ReboundModel.Efficiency)[0] = Math.Log(d);
        var lie = equilibrium.Solve().ToArray();

        // Engineering saving: the same efficiency, final demand held at the reference (one linear solve).
        var scaled = Matrix<double>.Build.DenseOfArray(model.A);
        scaled.SetRow(ReboundModel.Energy, scaled.Row(ReboundModel.Energy) * d);
        var engineering = (Matrix<double>.Build.DenseIdentity(3) - scaled).Solve(Vector<double>.Build.DenseOfArray(demand));

        // Ideal invariant: sector 0's final demand sees its reference price (the auxiliary node q = p, element 0 pinned).
        system.Override(nameof(ReboundModel.ConsumerPrice), new DelegateAssignmentOverride(
            (parents, value) => Pin(parents, value, p0),
            (parents, dParents, value, dValue) =>
            {
                Pin(parents, value, p0);
                Pin(dParents, dValue, 0);
            },
            (_, wValue, wParents) => Pin(wValue, wParents, 0)));
        var pinned = new DifferentiableEquilibrium(system, Solver);
        var invariant = pinned.Solve().ToArray();
        double tax = p0 - Node(invariant, nameof(ReboundModel.P))[0];
        int e = ReboundModel.Energy;
        return new ReboundRow(a, X(reference)[e], engineering[e], X(lie)[e], X(invariant)[e], tax);
    }

    // q = p with q_0 held at a set value; the override's only parent is P, so the same copy serves values and derivatives.
    private static void Pin(ReadOnlySpan<double> from, Span<double> to, double first)
    {
        from.CopyTo(to);
        to[0] = first;
    }

    private static void Print(IAnsiConsole console, IReadOnlyList<ReboundRow> rows, double d)
    {
        var table = new Table().Title($"Energy output, efficiency d = {d.ToString("G4", CultureInfo.InvariantCulture)}: rebound = 1 - actual / engineering saving")
            .AddColumns("a", "reference", "engineering", "Lie", "Lie rebound %", "invariant", "invariant rebound %", "tax on sector 0");
        foreach (var r in rows)
        {
            table.AddRow(F(r.A), F(r.Reference), F(r.Engineering), F(r.Lie), Pct(r.LieRebound), F(r.Invariant), Pct(r.InvariantRebound), F(r.Tax));
        }

        console.Write(table);
        int backfire = rows.Count(r => r.LieRebound > 1);
        console.WriteLine($"Plain efficiency gain: backfire (rebound > 100%) at {backfire} of {rows.Count} points; ideal invariant tax: largest rebound {Pct(rows.Max(r => r.InvariantRebound))}%.");
    }

    private static void Write(string path, IReadOnlyList<ReboundRow> rows, double d)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("efficiency,a,energy_reference,energy_engineering,energy_lie,energy_invariant,engineering_saving,rebound_lie,rebound_invariant,tax_sector0");
        foreach (var r in rows)
        {
            w.WriteLine(string.Join(",", new[] { d, r.A, r.Reference, r.Engineering, r.Lie, r.Invariant, r.EngineeringSaving, r.LieRebound, r.InvariantRebound, r.Tax }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
    }

    private static void Plot(string path, IReadOnlyList<ReboundRow> rows, double d)
    {
        var plot = new ScottPlot.Plot();
        var a = rows.Select(r => r.A).ToArray();
        plot.Add.Scatter(a, rows.Select(r => r.EngineeringSaving).ToArray()).LegendText = "engineering saving";
        plot.Add.Scatter(a, rows.Select(r => r.Reference - r.Lie).ToArray()).LegendText = "actual saving, Lie";
        plot.Add.Scatter(a, rows.Select(r => r.Reference - r.Invariant).ToArray()).LegendText = "actual saving, invariant tax";
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = ScottPlot.Colors.Gray;
        plot.Title($"Energy saved by an efficiency gain d = {d.ToString("G3", CultureInfo.InvariantCulture)} (below 0: backfire)");
        plot.XLabel("a = A[0, 1]");
        plot.YLabel("energy output saved");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 900, 600);
    }

    private static string F(double v) => v.ToString("G5", CultureInfo.InvariantCulture);

    private static string Pct(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture);
}
