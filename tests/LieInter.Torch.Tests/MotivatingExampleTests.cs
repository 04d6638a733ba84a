using LieInter.Samples.Motivating;
using Xunit.Abstractions;

namespace LieInter.Torch.Tests;

/// <summary>Runs the motivating-example sample's experiment once (about a second).</summary>
public sealed class MotivatingExperimentFixture
{
    public MotivatingResult Result { get; } = MotivatingExperiment.Run(new MotivatingSettings());
}

/// <summary>Issue 6, motivating example (eq. 4, Sec. 3.3).</summary>
public class MotivatingExampleTests(MotivatingExperimentFixture fixture, ITestOutputHelper output) : IClassFixture<MotivatingExperimentFixture>
{
    [Fact]
    public void CompensatingInterventionKeepsZAtItsClosedFormTo1e12()
    {
        var linear = fixture.Result.Linear;
        output.WriteLine($"{linear.Count} points, largest relative error {fixture.Result.LinearMaxRelativeError:E2}");
        Assert.True(linear.Count >= 100);
        Assert.All(linear, p => Assert.True(p.RelativeError <= 1e-12, $"{p}: relative error {p.RelativeError:E2}"));
    }

    [Fact]
    public void WithoutTheCompensationZMoves()
    {
        // The closed form is not trivially satisfied: the intervention on y alone moves z by u_y-dependent amounts.
        Assert.All(fixture.Result.Linear.Where(p => p.Uy != 1), p => Assert.True(p.PlainLieRelativeChange > 0.05, $"{p}"));
        var one = new LinearMotivating { Alpha = 0.4, Gamma = 0.9 };
        Assert.Equal(one.ClosedFormZ(1.7, 1), one.ClosedFormZ(1.7 * 1.3, 1 / 1.3), 14);
    }

    [Fact]
    public void LearnedNonlinearInvarianceErrorIsBelow1e3OnTheHeldOutGrid()
    {
        foreach (var run in fixture.Result.Nonlinear)
        {
            output.WriteLine($"u_y = {run.Uy}: {run.Training}; {run.HeldOut}");
            Assert.True(run.Points.Count >= 50);
            Assert.True(run.HeldOut.MaxRelativeError <= 1e-3, $"u_y = {run.Uy}: {run.HeldOut}");

            // Without the learned assignment z would move by far more than the tolerance.
            Assert.True(run.Points.Min(p => Math.Abs(p.PlainLie - p.Reference) / p.Reference) > 0.05);
        }
    }

    [Fact]
    public void Proposition3HoldsForTheNonlinearModel()
    {
        Assert.True(fixture.Result.Conditions.AllHold, fixture.Result.Conditions.ToString());
    }
}

/// <summary>The auxiliary node's own assignment reads the parameter that varies (gamma in z = tanh(gamma y)): the
/// learned residual network's baseline must see each scenario's gamma in training, not the last deployed one.</summary>
public class VariedAuxiliaryParameterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(InvarianceConstruction.Equilibrium)]
    [InlineData(InvarianceConstruction.IntervenedGraph)]
    public void InvarianceIsLearnedWhenTheAuxiliaryAssignmentReadsTheVariedParameter(InvarianceConstruction construction)
    {
        static InvarianceScenario Scenario(double gamma) => new($"gamma={gamma:R}", m => ((NonlinearMotivating)m).Gamma = gamma, [Math.Log(1.25)]);
        using var trainer = new InvariantInterventionTrainer(() => new NonlinearMotivating(), InvarianceTarget.FromAttribute(typeof(NonlinearMotivating)),
            new MlpOptions { HiddenSizes = [8, 8], Seed = 5 }, new InvarianceTrainingOptions { Construction = construction, Solver = MotivatingExperiment.Solver });
        var training = Enumerable.Range(0, 16).Select(k => Scenario(0.5 + (k + 0.5) * 0.5 / 16)).ToList();
        var held = Enumerable.Range(0, 41).Select(k => Scenario(0.5 + k * 0.5 / 40)).ToList();
        var report = trainer.Train(training);
        var heldOut = trainer.Evaluate(held);
        output.WriteLine($"{construction}: {report}; {heldOut}");
        Assert.True(heldOut.MaxRelativeError <= 1e-3, heldOut.ToString());
    }
}
