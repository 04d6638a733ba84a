using LieInter.Optimization;

namespace LieInter.Tests.Optimization;

public class AdamTests
{
    [Fact]
    public void PaperSettingsAreLearningRate1em3For20000Steps()
    {
        var options = AdamOptions.Paper;
        Assert.Equal(1e-3, options.LearningRate);
        Assert.Equal(20_000, options.Steps);
        Assert.Equal(0.9, options.Beta1);
        Assert.Equal(0.999, options.Beta2);
        Assert.Equal(1e-8, options.Epsilon);
        Assert.Equal(0.0, options.GradientTolerance);
        Assert.Equal(0.0, options.RelativeObjectiveTolerance);
    }

    [Fact]
    public void ConstantGradientMovesEachCoordinateByTheLearningRatePerStep()
    {
        // With a constant gradient the bias-corrected moments are exactly g and g^2, so every Adam step moves
        // u_i by lr * g_i / (|g_i| + eps): after 20,000 steps of the paper's settings, by about 20 in each coordinate
        // whatever the gradient's scale.
        double[] gradient = [3.0, -1e-4, 250.0];
        int calls = 0;
        var f = new DifferentiableFunction(3, (u, g) =>
        {
            calls++;
            gradient.CopyTo(g);
            return gradient[0] * u[0] + gradient[1] * u[1] + gradient[2] * u[2];
        });

        var result = new AdamOptimizer(AdamOptions.Paper).Minimize(f, [0.0, 0.0, 0.0]);

        Assert.False(result.Converged);
        Assert.Equal(OptimizationExitReason.IterationLimit, result.ExitReason);
        Assert.Equal(20_000, result.Iterations);
        Assert.Equal(20_001, result.Evaluations);
        Assert.Equal(calls, result.Evaluations);
        Assert.Equal(20_001, result.ObjectiveHistory.Count);
        for (int i = 0; i < 3; i++)
        {
            double expected = -20_000 * 1e-3 * gradient[i] / (Math.Abs(gradient[i]) + 1e-8);
            Assert.Equal(expected, result.Solution[i], 1e-9);
        }

        // The reported objective belongs to the returned point.
        double final = gradient[0] * result.Solution[0] + gradient[1] * result.Solution[1] + gradient[2] * result.Solution[2];
        Assert.Equal(final, result.Objective, 12);
        Assert.Equal(final, result.ObjectiveHistory[^1], 12);
    }

    [Fact]
    public void StepsFollowTheBiasCorrectedUpdate()
    {
        // Independent transcription of Kingma and Ba's Algorithm 1 on a quadratic with a changing gradient.
        double[] target = [1.0, -2.0];
        var f = new DifferentiableFunction(2, (u, g) =>
        {
            g[0] = 2 * (u[0] - target[0]);
            g[1] = 8 * (u[1] - target[1]);
            return (u[0] - target[0]) * (u[0] - target[0]) + 4 * (u[1] - target[1]) * (u[1] - target[1]);
        });
        var options = new AdamOptions { LearningRate = 0.05, Steps = 300 };
        var result = new AdamOptimizer(options).Minimize(f, [0.0, 0.0]);

        double[] u = [0.0, 0.0];
        double[] m = [0.0, 0.0];
        double[] v = [0.0, 0.0];
        var g = new double[2];
        for (int t = 1; t <= 300; t++)
        {
            f.Evaluate(u, g);
            for (int i = 0; i < 2; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(0.9, t));
                double vHat = v[i] / (1 - Math.Pow(0.999, t));
                u[i] -= 0.05 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }

        Assert.Equal(u[0], result.Solution[0], 1e-12);
        Assert.Equal(u[1], result.Solution[1], 1e-12);
    }

    [Fact]
    public void GradientToleranceStopsEarlyAndCountsConvergence()
    {
        var f = new DifferentiableFunction(2, (u, g) =>
        {
            g[0] = u[0] - 1;
            g[1] = u[1] + 1;
            return 0.5 * ((u[0] - 1) * (u[0] - 1) + (u[1] + 1) * (u[1] + 1));
        });
        var result = new AdamOptimizer(new AdamOptions { LearningRate = 0.1, GradientTolerance = 1e-6 }).Minimize(f, [5.0, 5.0]);
        Assert.True(result.Converged);
        Assert.Equal(OptimizationExitReason.GradientTolerance, result.ExitReason);
        Assert.True(result.ProjectedGradientNorm <= 1e-6);
        Assert.True(result.Evaluations < 20_000);
        Assert.Equal(result.Evaluations, result.ObjectiveHistory.Count);
    }

    [Fact]
    public void ObjectiveProgressStopsAStalledRun()
    {
        // |u - 1| with a subgradient: Adam oscillates around the kink and stops improving.
        var f = new DifferentiableFunction(1, (u, g) =>
        {
            g[0] = Math.Sign(u[0] - 1);
            return Math.Abs(u[0] - 1);
        });
        var result = new AdamOptimizer(new AdamOptions { LearningRate = 1e-2, RelativeObjectiveTolerance = 1e-9, ProgressWindow = 200 }).Minimize(f, [0.0]);
        Assert.True(result.Converged);
        Assert.Equal(OptimizationExitReason.ObjectiveProgress, result.ExitReason);
        Assert.True(result.Evaluations < 20_000);
        Assert.InRange(result.Solution[0], 0.9, 1.1);
    }

    [Fact]
    public void ProjectedAdamStaysInTheBoxAndEndsOnTheActiveBound()
    {
        var bounds = BoxBounds.Uniform(2, -0.5, 0.5);
        var f = new DifferentiableFunction(2, (u, g) =>
        {
            g[0] = 2 * (u[0] - 3);
            g[1] = 2 * u[1];
            return (u[0] - 3) * (u[0] - 3) + u[1] * u[1];
        });
        var visited = new List<double[]>();
        var recording = new DifferentiableFunction(2, (u, g) =>
        {
            visited.Add(u.ToArray());
            return f.Evaluate(u, g);
        });
        var result = new AdamOptimizer(new AdamOptions { LearningRate = 1e-2, Steps = 2000 }).Minimize(recording, [-0.5, 0.4], bounds);
        Assert.All(visited, p => Assert.True(bounds.Contains(p)));
        Assert.Equal(0.5, result.Solution[0]);
        Assert.InRange(result.Solution[1], -1e-2, 1e-2);
        Assert.Equal(0.0, result.ProjectedGradientNorm, 1e-1);
    }

    [Fact]
    public void NonFiniteObjectiveReturnsTheLastFinitePoint()
    {
        // Defined for u < 0.05 only: the run walks right (constant gradient -1) and stops when it leaves.
        var f = new DifferentiableFunction(1, (u, g) =>
        {
            g[0] = -1;
            return u[0] < 0.05 ? -u[0] : double.NaN;
        });
        var result = new AdamOptimizer(new AdamOptions { LearningRate = 1e-2, Steps = 100 }).Minimize(f, [0.0]);
        Assert.False(result.Converged);
        Assert.Equal(OptimizationExitReason.NonFiniteObjective, result.ExitReason);
        Assert.True(result.Solution[0] < 0.05);
        Assert.True(double.IsFinite(result.Objective));
        Assert.Equal(-result.Solution[0], result.Objective, 12);
    }
}
