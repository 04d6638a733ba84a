using LieInter.Optimization;
using Xunit.Abstractions;
using static LieInter.Torch.Tests.Numerics;

namespace LieInter.Torch.Tests;

public class TrainingTests(ITestOutputHelper output)
{
    private static double Target(double a, double b) => Math.Sin(2 * a) + 0.5 * b * b - 0.3 * a * b;

    /// <summary>Full-batch least squares on a grid, gradients pushed in through the outer-loop API
    /// (AccumulateParameterGradient with w = dLoss/dvalue), Adam steps through the bridge.</summary>
    private static (double Initial, double Final, double[] Parameters) Fit(int steps, ulong seed)
    {
        var grid = new List<double>();
        var targets = new List<double>();
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                double a = -1 + 2.0 * i / 7;
                double b = -1 + 2.0 * j / 7;
                grid.Add(a);
                grid.Add(b);
                targets.Add(Target(a, b));
            }
        }

        int n = targets.Count;
        var parents = grid.ToArray();
        using var mlp = new MlpAssignment(2, 1, new MlpOptions { HiddenSizes = [16, 16], Seed = seed });
        using var adam = new AdamTrainer(mlp, new AdamOptions { LearningRate = 0.01 });
        var value = new double[1];
        var w = new double[n];
        double Loss()
        {
            double s = 0;
            for (int k = 0; k < n; k++)
            {
                mlp.Evaluate(parents.AsSpan(2 * k, 2), value);
                w[k] = 2 * (value[0] - targets[k]) / n;
                s += (value[0] - targets[k]) * (value[0] - targets[k]);
            }

            return s / n;
        }

        double initial = Loss();
        for (int step = 0; step < steps; step++)
        {
            Loss();
            adam.ZeroGradient();
            mlp.AccumulateParameterGradient(parents, w, n);
            adam.Step();
        }

        var theta = new double[mlp.ParameterCount];
        mlp.ReadParameters(theta);
        return (initial, Loss(), theta);
    }

    [Fact]
    public void AdamBridgeFitsASmoothFunctionAndCutsTheErrorHundredfold()
    {
        var (initial, final, _) = Fit(600, seed: 4);
        output.WriteLine($"MSE {initial:E3} -> {final:E3} (x{initial / final:F0}) after 600 Adam steps");
        Assert.True(final <= initial / 100, $"mean squared error went from {initial} to {final}");
    }

    [Fact]
    public void TrainingIsBitwiseReproducibleForAGivenSeed()
    {
        var first = Fit(40, seed: 8);
        var second = Fit(40, seed: 8);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(first.Final, second.Final);
        var other = Fit(40, seed: 9);
        Assert.NotEqual(first.Parameters, other.Parameters);
    }

    [Fact]
    public void FlatGradientStepEqualsAccumulatedGradientStep()
    {
        var options = new MlpOptions { HiddenSizes = [3, 3], Seed = 12 };
        using var a = new MlpAssignment(2, 1, options);
        using var b = new MlpAssignment(2, 1, options);
        using var adamA = new AdamTrainer(a, new AdamOptions { LearningRate = 0.05 });
        using var adamB = new AdamTrainer(b, new AdamOptions { LearningRate = 0.05 });
        var gradient = new double[a.ParameterCount];
        for (int step = 0; step < 3; step++)
        {
            adamA.ZeroGradient();
            a.AccumulateParameterGradient([0.3 * step, -0.5], [1.0 + step]);
            a.ReadGradient(gradient);
            adamA.Step();
            adamB.Step(gradient);
        }

        var ta = new double[a.ParameterCount];
        var tb = new double[b.ParameterCount];
        a.ReadParameters(ta);
        b.ReadParameters(tb);
        Assert.Equal(ta, tb);
        Assert.Equal(3, adamB.Steps);

        // The managed copy used by Evaluate follows the optimiser's in-place updates.
        var va = new double[1];
        var vb = new double[1];
        a.Evaluate([0.1, 0.2], va);
        b.Evaluate([0.1, 0.2], vb);
        Assert.Equal(va, vb);
    }

    [Fact]
    public void FirstAdamStepMovesEachParameterByTheLearningRateAgainstItsGradientSign()
    {
        using var mlp = new MlpAssignment(1, 1, new MlpOptions { HiddenSizes = [2], Seed = 3 });
        using var adam = new AdamTrainer(mlp, new AdamOptions { LearningRate = 0.01 });
        var before = new double[mlp.ParameterCount];
        mlp.ReadParameters(before);
        var gradient = Enumerable.Range(0, mlp.ParameterCount).Select(k => k % 2 == 0 ? 2.0 + k : -0.5 - k).ToArray();
        adam.Step(gradient);
        var after = new double[mlp.ParameterCount];
        mlp.ReadParameters(after);
        for (int k = 0; k < gradient.Length; k++)
        {
            // Adam's bias-corrected first step is lr * g / (|g| + eps).
            Assert.Equal(before[k] - 0.01 * Math.Sign(gradient[k]), after[k], 9);
        }
    }

    [Fact]
    public void NonFiniteGradientIsRefused()
    {
        using var mlp = new MlpAssignment(1, 1, new MlpOptions { HiddenSizes = [2] });
        using var adam = new AdamTrainer(mlp);
        var gradient = new double[mlp.ParameterCount];
        gradient[1] = double.NaN;
        var before = new double[mlp.ParameterCount];
        mlp.ReadParameters(before);
        Assert.Throws<InvalidOperationException>(() => adam.Step(gradient));
        var after = new double[mlp.ParameterCount];
        mlp.ReadParameters(after);
        Assert.Equal(before, after);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamTrainer(mlp, new AdamOptions { LearningRate = -1 }));
    }

    [Theory]
    [InlineData(0.0, null)]
    [InlineData(0.05, null)]
    [InlineData(0.0, 0.5)]
    [InlineData(0.05, 0.5)]
    public void OneAdamOptionsDrivesTorchsAdamAndTheManagedAdamAlike(double weightDecay, double? maxGradientNorm)
    {
        using var mlp = new MlpAssignment(2, 1, new MlpOptions { HiddenSizes = [3], Seed = 1 });
        int n = mlp.ParameterCount;
        var start = new double[n];
        mlp.ReadParameters(start);
        var target = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var options = new AdamOptions { LearningRate = 0.05, Steps = 25, WeightDecay = weightDecay, MaxGradientNorm = maxGradientNorm };

        // torch's Adam, fed the gradient of sum (p - t)^2 step by step.
        using var adam = new AdamTrainer(mlp, options);
        var p = new double[n];
        var g = new double[n];
        for (int step = 0; step < options.Steps; step++)
        {
            mlp.ReadParameters(p);
            for (int i = 0; i < n; i++)
            {
                g[i] = 2 * (p[i] - target[i]);
            }

            adam.Step(g);
        }

        mlp.ReadParameters(p);
        var managed = new AdamOptimizer(options).Minimize(new SquaredDistance(target), start).Solution;
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(p[i] - managed[i]) <= 1e-12 * Math.Max(1, Math.Abs(p[i])), $"parameter {i}: torch {p[i]:R}, managed {managed[i]:R}");
        }

        Assert.True(Math.Abs(p[0] - start[0]) > 1e-3, "the run did not move");
    }

    private sealed class SquaredDistance(double[] target) : IDifferentiableFunction
    {
        public int Dimension => target.Length;

        public double Evaluate(ReadOnlySpan<double> u, Span<double> gradient)
        {
            double f = 0;
            for (int i = 0; i < u.Length; i++)
            {
                gradient[i] = 2 * (u[i] - target[i]);
                f += (u[i] - target[i]) * (u[i] - target[i]);
            }

            return f;
        }
    }
}
