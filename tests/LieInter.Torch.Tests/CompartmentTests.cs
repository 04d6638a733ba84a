using LieInter.Differentiation;
using LieInter.Samples.Compartments;
using Xunit.Abstractions;

namespace LieInter.Torch.Tests;

/// <summary>Runs the compartments sample's experiment once (about 10 s).</summary>
public sealed class CompartmentExperimentFixture
{
    public CompartmentResult Result { get; } = CompartmentExperiment.Run(new CompartmentSettings());
}

/// <summary>Issue 6, compartments (Def. 5, Prop. 4, Fig. 5).</summary>
public class CompartmentTests(CompartmentExperimentFixture fixture, ITestOutputHelper output) : IClassFixture<CompartmentExperimentFixture>
{
    [Fact]
    public void CrossCompartmentSensitivityIsBelow1e3OfTheOwnSensitivityOverTheGrid()
    {
        var result = fixture.Result;
        output.WriteLine(result.Training.ToString());
        output.WriteLine(result.Invariance.ToString());
        output.WriteLine($"largest cross ratio under II {result.MaxCrossRatio:E2}; smallest under plain Lie {result.MinPlainLieCrossRatio:E2}");
        Assert.True(result.Grid.Count >= 25);
        Assert.All(result.Grid, p =>
        {
            Assert.True(p.CrossRatio1 <= 1e-3, $"{p.FactorU}, {p.FactorV}, D1 = {p.D1}: compartment 1 answers to v ({p.CrossRatio1:E2})");
            Assert.True(p.CrossRatio2 <= 1e-3, $"{p.FactorU}, {p.FactorV}, D1 = {p.D1}: compartment 2 answers to u ({p.CrossRatio2:E2})");
        });

        // Without invariance the compartments are coupled: the ratio is far from zero, so the test above can fail.
        Assert.True(result.MinPlainLieCrossRatio > 0.02, $"plain Lie cross ratio {result.MinPlainLieCrossRatio:E2}");
    }

    [Fact]
    public void TangentSensitivitiesMatchCentralDifferencesOfSolvedEquilibria()
    {
        // d x / d v in compartment 1 and d x / d u in compartment 2 at one grid point, by differences of the deployed
        // system's equilibria (through the trainer, which solves it with the learned assignments).
        var settings = new CompartmentSettings();
        var p = fixture.Result.Grid.First(g => g.FactorU == 1.1 && g.FactorV == 0.9 && g.D1 == 1.0);
        using var trainer = new InvariantInterventionTrainer(() => new CompartmentModel(), InvarianceTarget.AllFromAttributes(typeof(CompartmentModel)), settings.Network, settings.Training);
        trainer.Train((from d1 in settings.TrainingD1 from d3 in settings.TrainingD3 from u in settings.TrainingFactors from v in settings.TrainingFactors select CompartmentExperiment.Scenario(u, v, d1, d3)).ToList());
        const double h = 1e-4;
        double Derivative(int node, bool alongV)
        {
            double Solve(double step)
            {
                double u = p.FactorU * Math.Exp(alongV ? 0 : step), v = p.FactorV * Math.Exp(alongV ? step : 0);
                return trainer.Solve(CompartmentExperiment.Scenario(u, v, 1.0)).Invariant[node];
            }

            return (Solve(h) - Solve(-h)) / (2 * h);
        }

        var x1u = Derivative(CompartmentModel.IndexX1, alongV: false);
        var x1v = Derivative(CompartmentModel.IndexX1, alongV: true);
        var x4u = Derivative(CompartmentModel.IndexX4, alongV: false);
        output.WriteLine($"dX1/du {x1u:E4} (tangent max over C1 {p.InvariantSensitivity[0][0]:E4}), dX1/dv {x1v:E2}, dX4/du {x4u:E2}");
        Assert.Equal(p.InvariantSensitivity[0][0], Math.Abs(x1u), 1e-6);
        Assert.True(Math.Abs(x1v) <= p.InvariantSensitivity[1][0] + 1e-7);
        Assert.True(Math.Abs(x1v) <= 1e-3 * Math.Abs(x1u));
        Assert.True(Math.Abs(x4u) <= 1e-3 * p.InvariantSensitivity[1][1]);
    }

    [Fact]
    public void InvariantNodeOfCompartment1StaysPutAndTheIntervenedNodeFollowsU()
    {
        foreach (var p in fixture.Result.Grid)
        {
            double x2 = p.Reference[CompartmentModel.IndexX2];
            Assert.True(Math.Abs(p.Invariant[CompartmentModel.IndexX2] - x2) <= 1e-3 * x2, $"X2 moved to {p.Invariant[CompartmentModel.IndexX2]} from {x2}");

            // With X2 pinned, X1 = e^u (C12 X2* + D1): a function of u alone, the Lie intervention's own effect.
            double expected = p.FactorU * (0.3 * x2 + p.D1);
            Assert.True(Math.Abs(p.Invariant[CompartmentModel.IndexX1] - expected) <= 1e-3 * expected, $"X1 = {p.Invariant[CompartmentModel.IndexX1]} vs {expected}");
        }

        // The plain Lie intervention moves X2 visibly somewhere on the grid.
        Assert.Contains(fixture.Result.Grid, p => Math.Abs(p.PlainLie[CompartmentModel.IndexX2] - p.Reference[CompartmentModel.IndexX2]) > 0.02 * p.Reference[CompartmentModel.IndexX2]);
    }

    [Fact]
    public void Propositions3And4HoldStructurallyAndALeakIsNamed()
    {
        Assert.True(fixture.Result.Structure.AllHold, fixture.Result.Structure.ToString());
        Assert.All(fixture.Result.Proposition3, r => Assert.True(r.AllHold, r.ToString()));

        var leaky = CompartmentConditions.Check(typeof(LeakyCompartments), ((IEquilibriumModel)new LeakyCompartments()).Schema);
        output.WriteLine(leaky.ToString());
        var failed = Assert.Single(leaky.Failed);
        Assert.Contains("'A1'", failed.Description);
        Assert.Contains("not the invariant node", failed.Description);
    }
}

/// <summary>A1 sends an arrow into compartment 2 but only B1 is invariant: Prop. 4 does not apply.</summary>
[LieIntervention("U", typeof(Multiplicative), nameof(A1))]
[LieIntervention("V", typeof(Multiplicative), nameof(A2))]
[InvariantIntervention("U", nameof(B1), nameof(B1))]
[InvariantIntervention("V", nameof(B2), nameof(B2))]
[Compartment("One", nameof(A1), nameof(B1))]
[Compartment("Two", nameof(A2), nameof(B2))]
[Solvability(SolvabilityKind.SpectralRadius)]
public partial class LeakyCompartments
{
    [Parameter] public double D = 1;
    [Node] public double A1, B1, A2, B2;

    [Assignment(nameof(A1))] double AssignA1() => 0.3 * B1 + D;
    [Assignment(nameof(B1))] double AssignB1() => 0.2 * A1 + 0.1 * B2;
    [Assignment(nameof(A2))] double AssignA2() => 0.3 * B2 + 0.2 * A1 + D;
    [Assignment(nameof(B2))] double AssignB2() => 0.2 * A2 + 0.1 * B1;
}
