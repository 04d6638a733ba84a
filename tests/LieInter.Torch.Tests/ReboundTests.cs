using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Models;
using LieInter.Samples.Rebound;
using Xunit.Abstractions;

namespace LieInter.Torch.Tests;

/// <summary>Trains the rebound experiment of the sample once (a few seconds) for the tests that read its result.</summary>
public sealed class ReboundExperimentFixture
{
    public ReboundResult Result { get; } = ReboundExperiment.Run(new ReboundSettings());
}

/// <summary>Issue 6, rebound (Fig. 4): closed forms, the generated model and solvers against them, and the learned
/// invariant tax against the ideal one over a held-out grid of a = A[0, 1].</summary>
public class ReboundTests(ReboundExperimentFixture fixture, ITestOutputHelper output) : IClassFixture<ReboundExperimentFixture>
{
    private const double D = 0.6;

    [Theory]
    [InlineData(0.1, 1.0, false, new[] { 0.210406, 1.524963, 1.745969 })]
    [InlineData(0.1, D, false, new[] { 1.472973, 1.861752, 1.939583 })]
    [InlineData(0.1, D, true, new[] { 0.206078, 1.481684, 1.736880 })]
    [InlineData(0.01, 1.0, false, new[] { 0.116411, 1.478133, 1.727203 })]
    [InlineData(0.19, 1.0, false, new[] { 0.331862, 1.585042, 1.770130 })]
    public void ClosedFormsReproduceThePublishedNumbers(double a, double d, bool idealInvariant, double[] expectedX)
    {
        double? price0 = idealInvariant ? ReboundClosedForm.Solve(a, 1).P[0] : null;
        var (x, _, _) = ReboundClosedForm.Solve(a, d, price0);

        // The issue prints six decimals: agreement to 1e-6 means within rounding (5e-7) plus nothing else.
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(x[i] - expectedX[i]) <= 1e-6, $"x[{i}] = {x[i]:F8}, expected {expectedX[i]}");
        }
    }

    [Fact]
    public void PricesAtTheReferenceAndUnderTheLieInterventionMatchThePublishedNumbers()
    {
        var (_, p, _) = ReboundClosedForm.Solve(0.1, 1.0);
        Assert.Equal(0.526316, p[0], 6);
        Assert.Equal(0.052632, p[1], 6);
        Assert.Equal(0.0, p[2], 12);
        var (_, lie, _) = ReboundClosedForm.Solve(0.1, D);
        Assert.Equal(0.309278, lie[0], 6);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.19)]
    public void GeneratedModelAndDefaultSolverAgreeWithTheClosedForm(double a)
    {
        foreach (double d in new[] { 1.0, D })
        {
            var model = ReboundModel.ThreeSector(a);
            var system = new EquilibriumSystem(model);
            system.Coordinates[0] = Math.Log(d);
            var equilibrium = new DifferentiableEquilibrium(system, ReboundExperiment.Solver);
            Assert.True(equilibrium.TrySolve(out var report), report.ToString());
            var (x, p, y) = ReboundClosedForm.Solve(a, d);
            var layout = system.Layout;
            AssertClose(x, equilibrium.State[layout.Node(nameof(ReboundModel.X)).Range].ToArray(), 1e-10, $"x at a={a}, d={d}");
            AssertClose(p, equilibrium.State[layout.Node(nameof(ReboundModel.P)).Range].ToArray(), 1e-10, $"p at a={a}, d={d}");
            AssertClose(y, equilibrium.State[layout.Node(nameof(ReboundModel.Demand)).Range].ToArray(), 1e-10, $"demand at a={a}, d={d}");
        }
    }

    [Fact]
    public void LearnedInvariantInterventionStaysWithin1e3OfTheIdealOnAHeldOutGrid()
    {
        var result = fixture.Result;
        output.WriteLine(result.Training.ToString());
        output.WriteLine(result.Invariance.ToString());
        output.WriteLine($"largest |x_invariant - x_ideal| = {result.MaxDeviationFromIdeal:E3}");
        Assert.True(result.Grid.Count >= 50, $"only {result.Grid.Count} grid points");
        Assert.Equal(0.01, result.Grid[0].A, 12);
        Assert.Equal(0.19, result.Grid[^1].A, 12);
        Assert.True(result.MaxDeviationFromIdeal <= 1e-3, $"largest deviation from the ideal invariant intervention {result.MaxDeviationFromIdeal:E3}");

        // The invariant node itself: sector 0's final demand keeps its unintervened value.
        Assert.True(result.Invariance.MaxRelativeError <= 1e-3, result.Invariance.ToString());
        Assert.All(result.Grid, p => Assert.True(Math.Abs(p.InvariantDemand0 - p.ReferenceDemand0) <= 1e-3 * p.ReferenceDemand0, $"a = {p.A}: demand {p.InvariantDemand0} vs {p.ReferenceDemand0}"));
    }

    [Fact]
    public void LieInterventionBackfiresWhileTheInvariantOneSavesEnergyAtEveryGridPoint()
    {
        var result = fixture.Result;
        int e = ReboundModel.Energy;
        Assert.All(result.Grid, p =>
        {
            Assert.True(p.LieX[e] > p.ReferenceX[e], $"a = {p.A}: no backfire ({p.LieX[e]} vs {p.ReferenceX[e]})");
            Assert.True(p.InvariantX[e] < p.ReferenceX[e], $"a = {p.A}: invariant energy {p.InvariantX[e]} not below reference {p.ReferenceX[e]}");

            // The learned policy is a tax: sector 0's consumers see a price above the lowered producer price.
            Assert.True(p.Tax0 > 0, $"a = {p.A}: tax {p.Tax0}");
        });
    }

    [Fact]
    public void IdealInvariantInterventionThroughTheRuntimeMatchesTheClosedForm()
    {
        foreach (var p in fixture.Result.Grid)
        {
            var (x, _, _) = ReboundClosedForm.Solve(p.A, D, ReboundClosedForm.Solve(p.A, 1).P[0]);
            AssertClose(x, p.IdealX, 1e-10, $"ideal x at a={p.A}");
            AssertClose(ReboundClosedForm.Solve(p.A, 1).X, p.ReferenceX, 1e-10, $"reference x at a={p.A}");
            AssertClose(ReboundClosedForm.Solve(p.A, D).X, p.LieX, 1e-10, $"Lie x at a={p.A}");
        }

        var at01 = fixture.Result.Grid.Single(p => Math.Abs(p.A - 0.1) < 1e-12);
        AssertClose([0.206078, 1.481684, 1.736880], at01.IdealX, 1e-6 / 0.2, "ideal x at a = 0.1");
    }

    [Fact]
    public void Proposition3HoldsAtTheReferenceAndAnUninformativeParameterIsReported()
    {
        Assert.True(fixture.Result.Conditions.AllHold, fixture.Result.Conditions.ToString());

        // The demand scale does not reach the prices the auxiliary node reads: condition 3 must fail and say so.
        using var trainer = new InvariantInterventionTrainer(() => ReboundModel.ThreeSector(), ReboundExperiment.Target);
        int demandScale = ((IEquilibriumModel)ReboundModel.ThreeSector()).GetLayout().Parameter(nameof(ReboundModel.DemandScale)).Offset;
        var report = trainer.CheckConditions(ReboundExperiment.Scenario(0.1, 1), [demandScale]);
        output.WriteLine(report.ToString());
        var failed = Assert.Single(report.Failed);
        Assert.Equal("parameters to parents full column rank", failed.Name);
        Assert.Contains("rank 0", failed.Description);
        Assert.Contains("ConsumerPrice[0]", failed.Description);
    }

    [Fact]
    public void ResidualJacobianMatchesCentralDifferencesInBothConstructions()
    {
        var scenarios = new[] { ReboundExperiment.Scenario(0.05, 0.6), ReboundExperiment.Scenario(0.15, 0.8) };
        foreach (var construction in new[] { InvarianceConstruction.Equilibrium, InvarianceConstruction.IntervenedGraph })
        {
            using var trainer = new InvariantInterventionTrainer(() => ReboundModel.ThreeSector(), ReboundExperiment.Target,
                new MlpOptions { HiddenSizes = [4], Seed = 3, OutputInitScale = 0.5 }, new InvarianceTrainingOptions { Construction = construction, Solver = ReboundExperiment.Solver });
            var (r, jac) = trainer.LinearizeAt(scenarios);
            var psi = trainer.ReadAllParameters();
            var rng = new Random(5);
            double worst = 0;
            for (int trial = 0; trial < 3; trial++)
            {
                var v = psi.Select(_ => rng.NextDouble() - 0.5).ToArray();
                const double h = 1e-6;
                trainer.WriteAllParameters(psi.Zip(v, (a, b) => a + h * b).ToArray());
                var plus = trainer.ResidualsAt(scenarios);
                trainer.WriteAllParameters(psi.Zip(v, (a, b) => a - h * b).ToArray());
                var minus = trainer.ResidualsAt(scenarios);
                trainer.WriteAllParameters(psi);
                for (int k = 0; k < r.Length; k++)
                {
                    double fd = (plus[k] - minus[k]) / (2 * h);
                    double analytic = Enumerable.Range(0, psi.Length).Sum(c => jac[k, c] * v[c]);
                    double rel = Math.Abs(fd - analytic) / Math.Max(Math.Abs(analytic), 1e-8);
                    worst = Math.Max(worst, rel);
                }
            }

            output.WriteLine($"{construction}: worst relative Jacobian error {worst:E2}");
            Assert.True(worst <= 1e-6, $"{construction}: Jacobian-vector products differ from central differences by {worst:E2}");
        }
    }

    [Fact]
    public void PaperConstructionAlsoLearnsTheInvariantTax()
    {
        var result = ReboundExperiment.Run(new ReboundSettings
        {
            GridPoints = 51,
            Training = new InvarianceTrainingOptions { Construction = InvarianceConstruction.IntervenedGraph, Solver = ReboundExperiment.Solver },
        });
        output.WriteLine(result.Training.ToString());
        Assert.True(result.MaxDeviationFromIdeal <= 1e-3, $"largest deviation from the ideal {result.MaxDeviationFromIdeal:E3}");
    }

    private static void AssertClose(double[] expected, double[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]) / Math.Max(Math.Abs(expected[i]), 1e-300);
            Assert.True(err <= relative, $"{what}[{i}]: {actual[i]:R} vs {expected[i]:R} (relative error {err:E2})");
        }
    }
}
