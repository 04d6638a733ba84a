using System.Globalization;
using LieInter.Samples.Motivating;
using Xunit.Abstractions;

namespace LieInter.Torch.Tests;

/// <summary>Runs the motivating-example sample's experiment once (a few seconds) and writes its files.</summary>
public sealed class MotivatingExperimentFixture : IDisposable
{
    public MotivatingExperimentFixture()
    {
        Result = MotivatingExperiment.Run(new MotivatingSettings());
        Directory = Path.Combine(Path.GetTempPath(), "lieinter-motivating-" + Guid.NewGuid().ToString("N"));
        Files = MotivatingOutputs.Write(Result, Directory);
    }

    public MotivatingResult Result { get; }

    public string Directory { get; }

    public IReadOnlyList<string> Files { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>Issue 6, motivating example (eq. 4, Sec. 3.3 and Appendix C).</summary>
public class MotivatingExampleTests(MotivatingExperimentFixture fixture, ITestOutputHelper output) : IClassFixture<MotivatingExperimentFixture>
{
    private MotivatingResult Result => fixture.Result;

    [Fact]
    public void CompensatingInterventionKeepsZAtItsClosedFormTo1e12()
    {
        var linear = Result.Linear;
        output.WriteLine($"{linear.Count} points, largest relative error {Result.LinearMaxRelativeError:E2}");
        Assert.Equal(3 * 3 * 2 * 3 * 5, linear.Count);
        Assert.All(linear, p => Assert.True(p.RelativeError <= 1e-12, $"{p}: relative error {p.RelativeError:E2}"));
        Assert.All(Result.LinearCurve, p => Assert.True(p.RelativeError <= 1e-12, $"{p}"));
    }

    [Fact]
    public void ClosedFormIsTheFixedPointOfEq4()
    {
        // Independent of the solver: z* and y* = z* / gamma satisfy y = u_y (alpha tau + beta z), z = u_z gamma y.
        foreach (var (uy, uz) in new[] { (1.0, 1.0), (1.7, 1.0), (0.6, 1.4), (1.3, 1 / 1.3) })
        {
            var m = new LinearMotivating { Tau = 1.3, Alpha = 0.4, Beta = 0.35, Gamma = 0.9 };
            double z = m.ClosedFormZ(uy, uz);
            double y = z / (uz * m.Gamma);
            Assert.Equal(y, uy * (m.Alpha * m.Tau + m.Beta * z), 14);
        }

        // z depends on (u_y, u_z) only through u_y u_z, which is what makes u_z = 1 / u_y work.
        var one = new LinearMotivating { Alpha = 0.4, Gamma = 0.9 };
        Assert.Equal(one.ClosedFormZ(1.7, 1), one.ClosedFormZ(1.7 * 1.3, 1 / 1.3), 14);
    }

    [Fact]
    public void WithoutTheCompensationZMovesAsTheClosedFormSays()
    {
        var moved = Result.Linear.Where(p => p.Uy != 1).ToList();
        output.WriteLine($"smallest relative change under u_z = 1: {Result.LinearMinPlainLieChange:P2}");
        Assert.Equal(Result.LinearMinPlainLieChange, moved.Min(p => p.PlainLieRelativeChange));
        Assert.All(moved, p => Assert.True(p.PlainLieRelativeChange > 0.05, $"{p}"));
        Assert.All(Result.Linear, p =>
        {
            var m = new LinearMotivating { Tau = p.Tau, Alpha = p.Alpha, Beta = p.Beta, Gamma = p.Gamma };
            double expected = m.ClosedFormZ(p.Uy, 1);
            Assert.True(Math.Abs(p.PlainLie - expected) <= 1e-12 * expected, $"{p}: plain Lie z against {expected:R}");
        });
    }

    [Fact]
    public void TangentAlongTheCompensatingDirectionVanishes()
    {
        output.WriteLine($"{Result.Tangents.Count} parameter points: |dz/ds| (s, -s) / (s, 0) {Result.TangentMaxCompensatedRelative:E2}; " +
            $"(s, 0) against closed form {Result.TangentMaxClosedFormError:E2}, against central difference {Result.TangentMaxFiniteDifferenceError:E2}");
        Assert.Equal(54, Result.Tangents.Count);
        Assert.All(Result.Tangents, t =>
        {
            Assert.True(t.PlainDerivative > 0.05, $"{t}");
            Assert.True(t.CompensatedRelative <= 1e-12, $"{t}");
            Assert.True(t.ClosedFormRelativeError <= 1e-12, $"{t}");
            Assert.True(t.FiniteDifferenceRelativeError <= 1e-8, $"{t}");
        });
    }

    [Fact]
    public void LearnedNonlinearInvarianceErrorIsBelow1e3OnTheHeldOutGrid()
    {
        var settings = Result.Settings;
        Assert.Equal([0.7, 0.8, 0.9, 1.1, 1.2, 1.3], Result.Nonlinear.Select(r => r.Uy));
        output.WriteLine($"all {Result.NonlinearHeldOutPoints} held-out points: RMSE {Result.NonlinearRmse:E2}, largest relative error {Result.NonlinearMaxRelativeError:E2}");
        foreach (var run in Result.Nonlinear)
        {
            output.WriteLine($"u_y = {run.Uy}: {run.Training}; {run.HeldOut}; plain Lie moves z by >= {run.MinPlainLieChange:P1}");
            Assert.Equal(settings.GridPoints, run.Points.Count);
            Assert.Equal(run.HeldOut.MaxRelativeError, run.Points.Max(p => p.RelativeError), 12);
            Assert.True(run.HeldOut.MaxRelativeError <= 1e-3, $"u_y = {run.Uy}: {run.HeldOut}");
            Assert.True(run.HeldOut.Rmse <= 1e-4, $"u_y = {run.Uy}: {run.HeldOut}");
            Assert.True(run.Training.FinalRelativeRmse <= 1e-4, $"u_y = {run.Uy}: {run.Training}");

            // Held out: no grid alpha is a training alpha (midpoints of 20 cells of [0.3, 0.7]).
            Assert.All(run.Points, p => Assert.True(Math.Abs((p.Alpha - settings.MinAlpha) / ((settings.MaxAlpha - settings.MinAlpha) / settings.TrainingPoints) % 1 - 0.5) > 1e-6, $"{p}"));

            // Without the learned assignment z would move by far more than the tolerance.
            Assert.True(run.MinPlainLieChange > 0.05, $"u_y = {run.Uy}: plain Lie moves z by only {run.MinPlainLieChange:P2}");
        }

        Assert.True(Result.NonlinearHeldOutPoints >= 300);
        Assert.True(Result.NonlinearMaxRelativeError <= 1e-3);
        Assert.True(Result.NonlinearRmse <= 1e-4);
    }

    [Fact]
    public void LearnedAssignmentIsTheExactSoftInterventionTanhOfGammaYOverUy()
    {
        foreach (var run in Result.Nonlinear)
        {
            var a = run.Assignment;
            output.WriteLine($"u_y = {run.Uy}: y in [{a.Y[0]:F3}, {a.Y[^1]:F3}], |learned - ideal| <= {a.MaxDeviation:E2}, correction {a.MaxCorrection:E2}");
            Assert.True(a.MaxDeviation <= 1e-4, $"u_y = {run.Uy}: {a.MaxDeviation:E2}");
            Assert.True(a.MaxCorrection >= 0.03, $"u_y = {run.Uy}: the network had almost nothing to learn ({a.MaxCorrection:E2})");
        }

        // The curve against u_y at the held-out alpha: the invariant values sit on z*, the plain Lie ones do not.
        var curve = Result.NonlinearCurve;
        Assert.All(curve.Invariant, p => Assert.True(Math.Abs(p.Invariant - curve.Reference) <= 1e-3 * curve.Reference, $"{p}"));
        Assert.Equal(curve.Reference, curve.PlainLie.Single(p => Math.Abs(p.Uy - 1) < 1e-12).PlainLie, 12);
        Assert.True(curve.PlainLie.First().PlainLie < 0.8 * curve.Reference && curve.PlainLie.Last().PlainLie > 1.2 * curve.Reference);
    }

    [Fact]
    public void Proposition3HoldsForTheNonlinearModelWithTheExpectedValues()
    {
        var c = Result.Conditions;
        output.WriteLine(c.ToString());
        Assert.True(c.AllHold, c.ToString());

        // I - J on (x, y) with z removed is [[1, 0], [-alpha, 1]]: smallest singular value (sqrt(alpha^2 + 4) - alpha) / 2.
        double alpha = MotivatingExperiment.Alpha;
        Assert.Equal((Math.Sqrt(alpha * alpha + 4) - alpha) / 2, c.Conditions[0].Value, 10);
        Assert.Equal(1.0, c.Conditions[1].Value); // z is both invariant and auxiliary
        Assert.Equal(1.0, c.Conditions[2].Value); // rank of d y* / d alpha
    }

    [Fact]
    public void TwoFreeParametersForOneParentBreakProp3AndTheLearnedInvariance()
    {
        var two = Assert.IsType<TwoFreeParameterRun>(Result.TwoFree);
        output.WriteLine(two.Conditions.ToString());
        output.WriteLine($"{two.Training}; training set: {two.TrainingSet}; held out: {two.HeldOut}");
        var rank = two.Conditions.Conditions.Single(x => x.Name.Contains("rank", StringComparison.Ordinal));
        Assert.False(rank.Holds);
        Assert.Equal(1.0, rank.Value);
        Assert.True(two.Conditions.Conditions.Where(x => x != rank).All(x => x.Holds));

        // The training loop's RMSE is that of the deployed networks on the training scenarios (the networks'
        // original-assignment baseline must see each scenario's gamma during training).
        Assert.Equal(two.Training.FinalRelativeRmse, two.TrainingSet.RelativeRmse, 1e-9);

        // y alone cannot tell (alpha, gamma) pairs apart: far from the 1e-3 reached with alpha alone.
        Assert.True(two.Training.FinalRelativeRmse > 1e-3, two.Training.ToString());
        Assert.True(two.HeldOut.MaxRelativeError > 1e-2, two.HeldOut.ToString());
    }

    [Fact]
    public void AnotherSeedAlsoReachesTheBound()
    {
        var baseline = new MotivatingSettings { NonlinearUy = [1.3], TwoFreeParameters = false };
        var settings = baseline with { Network = baseline.Network with { Seed = 11 } };
        var result = MotivatingExperiment.Run(settings);
        output.WriteLine(result.Nonlinear[0].HeldOut.ToString());
        Assert.True(result.NonlinearMaxRelativeError <= 1e-3, result.Nonlinear[0].HeldOut.ToString());
    }

    [Fact]
    public void OutputFilesHoldTheResultsNumbers()
    {
        Assert.Equal(11, fixture.Files.Count);
        Assert.All(fixture.Files, f => Assert.True(File.Exists(f), f));
        foreach (var png in fixture.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 10_000, $"{png}: {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }

        var linear = Csv(MotivatingOutputs.LinearGridCsv);
        Assert.Equal(Result.Linear.Count, linear.Count);
        for (int i = 0; i < linear.Count; i++)
        {
            var p = Result.Linear[i];
            Assert.Equal([p.Tau, p.Alpha, p.Beta, p.Gamma, p.Uy, p.ClosedForm, p.Invariant, p.PlainLie, p.RelativeError], linear[i].Select(Parse));
        }

        var nonlinear = Csv(MotivatingOutputs.NonlinearCsv);
        var points = Result.Nonlinear.SelectMany(r => r.Points).ToList();
        Assert.Equal(points.Count, nonlinear.Count);
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            Assert.Equal(p.Scenario, nonlinear[i][0].Replace(';', ','));
            Assert.Equal([p.Uy, p.Alpha, p.Gamma, p.Reference, p.PlainLie, p.Invariant, p.RelativeError], nonlinear[i].Skip(1).Select(Parse));
        }

        Assert.True(nonlinear.Max(r => Parse(r[^1])) <= 1e-3);
        Assert.Equal(Result.Tangents.Count, Csv(MotivatingOutputs.LinearTangentCsv).Count);
        Assert.Equal(Result.LinearCurve.Count, Csv(MotivatingOutputs.LinearCurveCsv).Count);
        Assert.Equal(Result.Nonlinear.Sum(r => r.Assignment.Y.Length), Csv(MotivatingOutputs.AssignmentCsv).Count);
        Assert.Equal(Result.TwoFree!.Points.Count, Csv(MotivatingOutputs.TwoFreeCsv).Count);
        var curve = Csv(MotivatingOutputs.NonlinearCurveCsv);
        Assert.Equal(Result.NonlinearCurve.Reference, Parse(curve.Single(r => r[0] == "reference")[2]));
        Assert.Equal(Result.NonlinearCurve.Invariant.Select(p => p.Invariant), curve.Where(r => r[0] == "invariant").Select(r => Parse(r[2])));
    }

    /// <summary>The sample's command line (what the README runs), into a temporary directory: exit code 0 and every
    /// file written.</summary>
    [Fact]
    public void SampleCommandLineWritesItsFilesAndSucceeds()
    {
        string directory = Path.Combine(Path.GetTempPath(), "lieinter-motivating-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var entry = typeof(MotivatingExperiment).Assembly.EntryPoint!;
            var code = entry.Invoke(null, [new[] { "--out", directory, "--skip-two-free" }]);
            Assert.Equal(0, code);
            var written = Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            output.WriteLine(string.Join(", ", written));
            Assert.Equal(
                new[]
                {
                    MotivatingOutputs.LinearGridCsv, MotivatingOutputs.LinearTangentCsv, MotivatingOutputs.LinearCurveCsv, MotivatingOutputs.LinearCurvePng,
                    MotivatingOutputs.AssignmentCsv, MotivatingOutputs.AssignmentPng, MotivatingOutputs.NonlinearCsv, MotivatingOutputs.NonlinearAlphaPng,
                    MotivatingOutputs.NonlinearCurveCsv, MotivatingOutputs.NonlinearCurvePng,
                }.Order(StringComparer.Ordinal),
                written);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private List<string[]> Csv(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(fixture.Directory, name));
        return lines.Skip(1).Select(l => l.Split(',')).ToList();
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}

/// <summary>A target that Prop. 3's structure rules out is refused before any training, naming the rule.</summary>
public class StructurallyImpossibleTargetTests
{
    [Fact]
    public void TheTrainerRefusesATargetWhoseNodesTheInterventionChangesOrCannotReach()
    {
        // y is the intervened node: it cannot be held invariant.
        var intervened = Assert.Throws<ArgumentException>(() => new InvariantInterventionTrainer(() => new NonlinearMotivating(),
            new InvarianceTarget(NonlinearMotivating.Damping, "Y", -1, "Z", -1)));
        Assert.Contains("Prop. 3", intervened.Message);
        Assert.Contains("the invariant node Y is among the nodes 'Damping' intervenes on", intervened.Message);

        // x has no parents, so a soft intervention on it is a constant; a path x -> y -> z exists, so only that rule fails.
        var parentless = Assert.Throws<ArgumentException>(() => new InvariantInterventionTrainer(() => new NonlinearMotivating(),
            new InvarianceTarget(NonlinearMotivating.Damping, "Z", -1, "X", -1)));
        Assert.Contains("the auxiliary node X has 0 parent(s)", parentless.Message);
        Assert.DoesNotContain("among the nodes", parentless.Message);
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
