using System.Runtime.InteropServices;
using LieInter.Equilibrium;
using LieInter.Modeling;
using Xunit.Abstractions;
using static LieInter.Torch.Tests.Numerics;

namespace LieInter.Torch.Tests;

public class MlpAssignmentTests(ITestOutputHelper output)
{
    public static TheoryData<MlpActivation, bool> Variants => new()
    {
        { MlpActivation.Tanh, false },
        { MlpActivation.Tanh, true },
        { MlpActivation.Softplus, false },
        { MlpActivation.Softplus, true },
    };

    /// <summary>3 parents (a 2-vector "A" and a scalar "B") to a 2-vector node; "normalised" adds input and output
    /// scaling and a residual on parent A.</summary>
    private static MlpAssignment Build(MlpActivation activation, bool normalised, ulong seed = 7)
    {
        var options = new MlpOptions
        {
            HiddenSizes = [5, 4],
            Activation = activation,
            Seed = seed,
            InputShift = normalised ? [0.5, -1.0, 2.0] : null,
            InputScale = normalised ? [2.0, 0.5, 3.0] : null,
            OutputScale = normalised ? [1.5, 0.25] : null,
        };
        var mlp = new MlpAssignment(3, 2, options, normalised ? AssignmentBaselines.Parent("A") : null);
        mlp.Bind(new OverrideBinding("N", 2, [new Segment("A", 0, 2), new Segment("B", 2, 1)]));
        return mlp;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void JvpMatchesCentralDifferencesAndEvaluate(MlpActivation activation, bool normalised)
    {
        using var mlp = Build(activation, normalised);
        var rng = new Random(11);
        for (int trial = 0; trial < 5; trial++)
        {
            var p = Random(rng, 3, 2.0);
            var v = Random(rng, 3);
            var value = new double[2];
            var jv = new double[2];
            mlp.Jvp(p, v, value, jv);
            var evaluated = new double[2];
            mlp.Evaluate(p, evaluated);
            Assert.Equal(evaluated, value);
            var fd = CentralDifference(mlp.Evaluate, p, v, 2);
            output.WriteLine($"JVP vs FD: relative error {RelativeError(jv, fd):E2}");
            Assert.True(RelativeError(jv, fd) <= 1e-6, $"JVP {string.Join(", ", jv)} vs FD {string.Join(", ", fd)}");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void VjpSatisfiesTheDotProductIdentityAndMatchesCentralDifferences(MlpActivation activation, bool normalised)
    {
        using var mlp = Build(activation, normalised);
        var rng = new Random(12);
        for (int trial = 0; trial < 5; trial++)
        {
            var p = Random(rng, 3, 2.0);
            var v = Random(rng, 3);
            var w = Random(rng, 2);
            var value = new double[2];
            var jv = new double[2];
            mlp.Jvp(p, v, value, jv);
            var wj = new double[3];
            mlp.Vjp(p, w, wj);
            double lhs = Dot(w, jv);
            double rhs = Dot(wj, v);
            Assert.True(Math.Abs(lhs - rhs) <= 1e-12 * Math.Max(1.0, Math.Abs(lhs)), $"<w, Jv> = {lhs} but <J^T w, v> = {rhs}");

            // Each component of w^T J against the central difference of w^T f along a unit vector.
            for (int i = 0; i < 3; i++)
            {
                var e = new double[3];
                e[i] = 1;
                var fd = CentralDifference(mlp.Evaluate, p, e, 2);
                double expected = Dot(w, fd);
                Assert.True(Math.Abs(wj[i] - expected) <= 1e-6 * Math.Max(1e-3, Math.Abs(expected)), $"VJP[{i}] = {wj[i]}, FD {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ParameterGradientMatchesCentralDifferences(MlpActivation activation, bool normalised)
    {
        using var mlp = Build(activation, normalised);
        var rng = new Random(13);
        var p = Random(rng, 3, 2.0);
        var w = Random(rng, 2);
        mlp.ZeroGradient();
        mlp.AccumulateParameterGradient(p, w);
        var gradient = new double[mlp.ParameterCount];
        mlp.ReadGradient(gradient);

        var theta = new double[mlp.ParameterCount];
        mlp.ReadParameters(theta);
        var fd = new double[theta.Length];
        var value = new double[2];
        const double h = 1e-5;
        for (int k = 0; k < theta.Length; k++)
        {
            double t0 = theta[k];
            theta[k] = t0 + h;
            mlp.WriteParameters(theta);
            mlp.Evaluate(p, value);
            double plus = Dot(w, value);
            theta[k] = t0 - h;
            mlp.WriteParameters(theta);
            mlp.Evaluate(p, value);
            double minus = Dot(w, value);
            theta[k] = t0;
            fd[k] = (plus - minus) / (2 * h);
        }

        mlp.WriteParameters(theta);
        Assert.Equal(3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2, mlp.ParameterCount);
        double error = RelativeError(gradient, fd);
        output.WriteLine($"parameter gradient vs FD: relative error {error:E2}");
        Assert.True(error <= 1e-6, $"parameter gradient relative error {error}");
        Assert.True(Norm(gradient) > 1e-3, "the gradient should not be trivially zero");

        // The hand-written sweep against torch autograd on the same network written in torch ops.
        mlp.ZeroGradient();
        mlp.AccumulateParameterGradientByAutograd(p, w, 1);
        var autograd = new double[mlp.ParameterCount];
        mlp.ReadGradient(autograd);
        Assert.True(RelativeError(gradient, autograd) <= 1e-13, $"hand vs autograd relative difference {RelativeError(gradient, autograd)}");
    }

    [Fact]
    public void BatchedParameterGradientIsTheSumOfSingleSampleGradients()
    {
        using var mlp = Build(MlpActivation.Tanh, normalised: true);
        var rng = new Random(14);
        var parents = Random(rng, 4 * 3, 2.0);
        var w = Random(rng, 4 * 2);
        mlp.ZeroGradient();
        mlp.AccumulateParameterGradient(parents, w, 4);
        var batched = new double[mlp.ParameterCount];
        mlp.ReadGradient(batched);

        mlp.ZeroGradient();
        for (int k = 0; k < 4; k++)
        {
            mlp.AccumulateParameterGradient(parents.AsSpan(3 * k, 3), w.AsSpan(2 * k, 2));
        }

        var summed = new double[mlp.ParameterCount];
        mlp.ReadGradient(summed);
        Assert.True(RelativeError(batched, summed) <= 1e-13, $"relative difference {RelativeError(batched, summed)}");

        mlp.ZeroGradient();
        mlp.ReadGradient(summed);
        Assert.All(summed, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void ZeroOutputInitialisationStartsExactlyAtTheBaseline()
    {
        var options = new MlpOptions { OutputInitScale = 0.0, Seed = 3 };
        using var mlp = new MlpAssignment(3, 2, options, AssignmentBaselines.Parent("A"));
        mlp.Bind(new OverrideBinding("N", 2, [new Segment("A", 0, 2), new Segment("B", 2, 1)]));
        var value = new double[2];
        mlp.Evaluate([0.3, -1.7, 4.0], value);
        Assert.Equal([0.3, -1.7], value);

        // Only the output layer starts at zero: the hidden layers are random, so training can move away.
        var theta = new double[mlp.ParameterCount];
        mlp.ReadParameters(theta);
        Assert.Contains(theta, t => t != 0.0);
    }

    [Fact]
    public void SeedDeterminesTheInitialParameters()
    {
        using var a = Build(MlpActivation.Tanh, false, seed: 5);
        using var b = Build(MlpActivation.Tanh, false, seed: 5);
        using var c = Build(MlpActivation.Tanh, false, seed: 6);
        var ta = new double[a.ParameterCount];
        var tb = new double[b.ParameterCount];
        var tc = new double[c.ParameterCount];
        a.ReadParameters(ta);
        b.ReadParameters(tb);
        c.ReadParameters(tc);
        Assert.Equal(ta, tb);
        Assert.NotEqual(ta, tc);

        // PyTorch's default range: |W0|, |b0| <= 1/sqrt(fan_in = 3).
        Assert.All(ta.AsSpan(0, 20).ToArray(), t => Assert.InRange(Math.Abs(t), 0.0, 1.0 / Math.Sqrt(3)));
    }

    [Fact]
    public void TensorsChangedBehindItsBackAreDetected()
    {
        using var mlp = Build(MlpActivation.Tanh, false);
        var p = new[] { 0.2, 0.4, -0.6 };
        var before = new double[2];
        mlp.Evaluate(p, before);

        // An in-place change to a tensor that bypasses WriteParameters and ParametersChanged.
        MemoryMarshal.Cast<byte, double>(mlp.Parameters[^1].bytes)[0] += 0.5;
        var error = Assert.Throws<InvalidOperationException>(() => mlp.AccumulateParameterGradient(p, [1.0, 0.0]));
        Assert.Contains("ParametersChanged", error.Message);

        mlp.ParametersChanged();
        var after = new double[2];
        mlp.Evaluate(p, after);
        Assert.Equal(before[0] + 0.5, after[0], 12);
        Assert.Equal(before[1], after[1], 15);
        mlp.AccumulateParameterGradient(p, [1.0, 0.0]);
    }

    [Fact]
    public void BindRejectsAMismatchedNodeByName()
    {
        using var mlp = new MlpAssignment(2, 1);
        var error = Assert.Throws<ArgumentException>(() => mlp.Bind(new OverrideBinding("Price", 1, [new Segment("Q", 0, 3)])));
        Assert.Contains("Price", error.Message);
        Assert.Contains("Q:3", error.Message);

        var parentError = Assert.Throws<ArgumentException>(() =>
            new MlpAssignment(2, 1, baseline: AssignmentBaselines.Parent("Missing")).Bind(new OverrideBinding("N", 1, [new Segment("A", 0, 1), new Segment("B", 1, 1)])));
        Assert.Contains("Missing", parentError.Message);
        Assert.Contains("A, B", parentError.Message);
    }

    [Fact]
    public void InvalidOptionsAreRejectedWithTheFieldName()
    {
        var scale = Assert.Throws<ArgumentException>(() => new MlpAssignment(2, 1, new MlpOptions { InputScale = [1.0, 0.0] }));
        Assert.Contains("InputScale[1]", scale.Message);
        var hidden = Assert.Throws<ArgumentException>(() => new MlpAssignment(2, 1, new MlpOptions { HiddenSizes = [4, 0] }));
        Assert.Contains("Hidden", hidden.Message);
        using var mlp = new MlpAssignment(2, 1);
        var nan = Assert.Throws<ArgumentException>(() => mlp.WriteParameters(Enumerable.Repeat(double.NaN, mlp.ParameterCount).ToArray()));
        Assert.Contains("Parameter 0", nan.Message);
    }

    [Fact]
    public void HotPathDoesNotAllocate()
    {
        using var mlp = Build(MlpActivation.Softplus, normalised: true);
        var p = new[] { 0.2, 0.4, -0.6 };
        var v = new[] { 1.0, -1.0, 0.5 };
        var value = new double[2];
        var jv = new double[2];
        var wj = new double[3];
        mlp.Evaluate(p, value);
        mlp.Jvp(p, v, value, jv);
        mlp.Vjp(p, value, wj);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            mlp.Evaluate(p, value);
            mlp.Jvp(p, v, value, jv);
            mlp.Vjp(p, value, wj);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
