using LieInter.Equilibrium;
using LieInter.Models;
using LieInter.Samples.Compartments;
using Xunit.Abstractions;

namespace LieInter.Torch.Tests;

/// <summary>Runs the sample's compartment experiment once (training both networks takes a few seconds) for the tests
/// that read its result.</summary>
public sealed class CompartmentExperimentFixture
{
    public CompartmentResult Result { get; } = CompartmentExperiment.Run(new CompartmentSettings());
}

/// <summary>Issue 6, compartments (Def. 5, Prop. 4, Fig. 2a, Fig. 5): two invariant interventions learned together on
/// the two-region Leontief model, evaluated on a held-out 5 x 5 grid of (u, v) factors at three supplier-demand
/// settings (the reference of Fig. 5 and two others inside the training range).</summary>
public class CompartmentTests(CompartmentExperimentFixture fixture, ITestOutputHelper output) : IClassFixture<CompartmentExperimentFixture>
{
    private const int T1 = CompartmentModel.T1;
    private const int R1 = CompartmentModel.R1;

    [Fact]
    public void StructureMeetsPropositions3And4AndTheLearnedSystemIsLocallySolvable()
    {
        var result = fixture.Result;
        Assert.True(result.Structure.AllHold, result.Structure.ToString());
        Assert.Equal(2, result.Proposition3.Count);
        Assert.All(result.Proposition3, r => Assert.True(r.AllHold, r.ToString()));

        // The learned soft interventions must not make the equilibrium degenerate (Prop. 1): sigma_min(I - J) of the
        // deployed system stays comparable to the unintervened one's.
        var plain = new Differentiation.DifferentiableEquilibrium(new EquilibriumSystem(CompartmentModel.Reference()));
        plain.Solve();
        var unintervened = plain.LocalSolvability();
        output.WriteLine($"deployed: {result.DeployedSolvability}; unintervened: {unintervened}");
        Assert.True(result.DeployedSolvability.SmallestSingularValue >= 0.5 * unintervened.SmallestSingularValue, $"deployed {result.DeployedSolvability}, unintervened {unintervened}");
        output.WriteLine(result.Training.ToString());
        output.WriteLine(result.HeldOut.ToString());
    }

    [Fact]
    public void ReferenceAndPlainLieEquilibriaMatchTheClosedForm()
    {
        Assert.Equal(75, fixture.Result.Points.Count);
        foreach (var p in fixture.Result.Points)
        {
            var model = CompartmentExperiment.Model(p.Supplier1Demand, p.Supplier2Demand);
            AssertClose(CompartmentClosedForm.Solve(model, 1, 1), p.Reference, 1e-10, $"reference at {Where(p)}");
            AssertClose(CompartmentClosedForm.Solve(model, p.UFactor, p.VFactor), p.PlainLie, 1e-10, $"plain Lie at {Where(p)}");
        }
    }

    [Fact]
    public void InvariantNodeOfCompartment1DoesNotMoveOverTheGridWhileThePlainLieInterventionMovesIt()
    {
        var result = fixture.Result;
        var fig5 = result.Figure5;
        Assert.Equal(25, fig5.Count);
        Assert.Equal([0.8, 0.9, 1.0, 1.1, 1.2], fig5.Select(p => p.UFactor).Distinct().Order());
        Assert.Equal([0.8, 0.9, 1.0, 1.1, 1.2], fig5.Select(p => p.VFactor).Distinct().Order());
        output.WriteLine($"largest relative move of Trader1 under II {result.MaxTrader1Move:E3}, of Trader2 {result.MaxTrader2Move:E3}; smallest under LI {result.MinPlainTrader1Move:E3}");

        // Fig. 5a: held over every (theta, u, v) of the held-out grid (measured 7e-6).
        Assert.True(result.MaxTrader1Move <= 1e-3, $"Trader1 moved by {result.MaxTrader1Move:E3} relative");
        Assert.True(result.MaxTrader2Move <= 1e-3, $"Trader2 moved by {result.MaxTrader2Move:E3} relative");
        Assert.True(result.HeldOut.MaxRelativeError <= 1e-3, result.HeldOut.ToString());

        // Without invariance the same node moves by at least 1% wherever u or v is off the identity (measured 1.04%).
        Assert.True(result.MinPlainTrader1Move >= 5e-3, $"plain Lie moved Trader1 by only {result.MinPlainTrader1Move:E3}");
    }

    [Fact]
    public void CrossCompartmentSensitivityIsBelow1e3OfTheOwnByTangentsAndByCentralDifferences()
    {
        var result = fixture.Result;
        foreach (var name in new[] { CompartmentModel.U, CompartmentModel.V })
        {
            double tangent = result.MaxCrossRatio(name), differences = result.MaxCrossRatioByDifferences(name), plain = result.MinPlainCrossRatio(name);
            output.WriteLine($"{name}: largest cross/own ratio {tangent:E3} (tangents), {differences:E3} (central differences); plain Lie at least {plain:E3}");

            // The acceptance criterion of the issue, at every point of the grid (measured: at most 1.6e-4 over five seeds).
            Assert.True(tangent <= 1e-3, $"{name}: cross/own sensitivity {tangent:E3} by tangents");
            Assert.True(differences <= 1e-3, $"{name}: cross/own sensitivity {differences:E3} by central differences");

            // The plain Lie interventions leak: several percent (measured 8.6% at least).
            Assert.True(plain >= 0.05, $"{name}: plain Lie cross/own ratio only {plain:E3}");
        }

        // Tangents and differences measure the same thing: the step is 1e-4 and the solves are exact to 1e-13, so the
        // differences are good to about 1e-8 of the own sensitivity (measured gap 4e-9).
        Assert.True(result.MaxTangentDifferenceGap <= 1e-6, $"tangents and central differences differ by {result.MaxTangentDifferenceGap:E3} of the own sensitivity");
        Assert.All(result.Points, p =>
        {
            Assert.Equal("Target1", p.InvariantTangent[CompartmentModel.U].OwnNode);
            Assert.Equal("Target2", p.InvariantTangent[CompartmentModel.V].OwnNode);
        });
    }

    [Fact]
    public void IntervenedNodeOfCompartment1DependsOnUOnlyAndFollowsThePlainLieIntervention()
    {
        var result = fixture.Result;
        double spreadII = result.MaxTarget1SpreadOverV(invariant: true), spreadLI = result.MaxTarget1SpreadOverV(invariant: false);
        output.WriteLine($"spread of Target1 over v: II {spreadII:E3}, LI {spreadLI:E3}; largest distance of II from the ideal {result.MaxDistanceFromIdeal:E3}");

        // Fig. 5b, "depends on u only": over v, Target1 varies by 1.6% under LI but not under II (measured 3e-7).
        Assert.True(spreadII <= 1e-4, $"Target1 under II varies with v by {spreadII:E3} relative");
        Assert.True(spreadLI >= 1e-2, $"Target1 under LI varies with v by only {spreadLI:E3}");

        // The learned interventions reproduce the ideal compartmentalized one (both traders held at their reference
        // values, a closed form) in every sector (measured 7e-6).
        Assert.True(result.MaxDistanceFromIdeal <= 1e-3, $"largest relative distance from the ideal {result.MaxDistanceFromIdeal:E3}");

        // "Follows the plain Lie intervention": Target1's response to u under II, against LI's at v = 1. They cannot
        // coincide: under LI, Trader1 rises with Target1 and feeds back into it (A[T1, R1] = 0.2 and the loop through
        // region 2), which II removes by holding Trader1. The closed-form ideal fixes how large that gap must be
        // (II/LI response 0.887 at u = 1.2 to 0.929 at u = 0.8), so the tolerance is: II's ratio equals the ideal's to
        // 1e-3, and the ideal's ratio lies in [0.85, 1): same direction, at least 85% of LI's response.
        foreach (var p in result.Points.Where(p => p.UFactor != 1))
        {
            var lie = result.Points.Single(q => q.Supplier1Demand == p.Supplier1Demand && q.Supplier2Demand == p.Supplier2Demand && q.UFactor == p.UFactor && q.VFactor == 1);
            double lieResponse = lie.PlainLie[T1] - p.Reference[T1];
            double ratio = (p.Invariant[T1] - p.Reference[T1]) / lieResponse;
            double idealRatio = (p.Ideal[T1] - p.Reference[T1]) / lieResponse;
            Assert.InRange(idealRatio, 0.85, 1.0);
            Assert.True(Math.Abs(ratio - idealRatio) <= 1e-3, $"{Where(p)}: II/LI response {ratio:F5}, ideal {idealRatio:F5}");
        }
    }

    [Fact]
    public void SampleWritesTheFigure5CsvAndBothPngs()
    {
        string directory = Path.Combine(Path.GetTempPath(), "lieinter-compartments-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = CompartmentOutputs.Write(fixture.Result, directory);
            Assert.Equal(["fig5_grid.csv", "fig5a_invariant_node.png", "fig5b_intervened_node.png"], files.Select(Path.GetFileName));
            var lines = File.ReadAllLines(files[0]);
            Assert.Equal(1 + fixture.Result.Points.Count, lines.Length);
            var header = lines[0].Split(',');
            foreach (var column in new[] { "u_factor", "v_factor", "trader1_reference", "trader1_ii", "trader1_li", "target1_reference", "target1_ii", "target1_li", "ii_du_ratio", "ii_dv_ratio", "ii_du_ratio_fd", "ii_dv_ratio_fd", "li_dv_ratio" })
            {
                Assert.Contains(column, header);
            }

            // The CSV carries the numbers the tests assert, not rounded copies.
            var first = lines[1].Split(',');
            var p = fixture.Result.Points[0];
            Assert.Equal(p.Invariant[R1], double.Parse(first[Array.IndexOf(header, "trader1_ii")], System.Globalization.CultureInfo.InvariantCulture));
            foreach (var png in files.Skip(1))
            {
                var bytes = File.ReadAllBytes(png);
                Assert.True(bytes.Length > 10_000, $"{png} has only {bytes.Length} bytes");
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string Where(CompartmentPoint p) => $"s1 = {p.Supplier1Demand}, s2 = {p.Supplier2Demand}, u = {p.UFactor}, v = {p.VFactor}";

    private static void AssertClose(double[] expected, double[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]) / Math.Abs(expected[i]);
            Assert.True(err <= relative, $"{what}[{i}]: {actual[i]:R} vs {expected[i]:R} (relative error {err:E2})");
        }
    }
}
