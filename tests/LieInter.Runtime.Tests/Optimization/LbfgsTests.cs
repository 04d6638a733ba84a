using LieInter.Optimization;
using MathNet.Numerics.LinearAlgebra;

namespace LieInter.Tests.Optimization;

public class LbfgsTests
{
    [Fact]
    public void QuadraticConvergesToTheLinearSolveInFewEvaluations()
    {
        const int n = 30;
        var a = TestFunctions.SpdMatrix(n, 100.0, seed: 1);
        var rng = new Random(2);
        var b = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var exact = Matrix<double>.Build.DenseOfArray(a).Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
        int calls = 0;
        var f = new DifferentiableFunction(n, (u, g) =>
        {
            calls++;
            return TestFunctions.Quadratic(a, b, u, g);
        });

        var result = new LbfgsOptimizer(new LbfgsOptions { GradientTolerance = 1e-7, RelativeObjectiveTolerance = 0 }).Minimize(f, new double[n]);

        // Reference L-BFGS-B (scipy 1.10, m = 10, pgtol = 1e-7) needs 74 iterations and 81 evaluations here.
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(OptimizationExitReason.GradientTolerance, result.ExitReason);
        Assert.Equal(calls, result.Evaluations);
        Assert.True(TestFunctions.MaxAbsDifference(result.Solution, exact) < 1e-6, result.ToString());
        Assert.InRange(result.Evaluations, 1, 90);
        Assert.Equal(result.Iterations + 1, result.ObjectiveHistory.Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void RosenbrockConvergesFromTheClassicStart(int n)
    {
        var start = new double[n];
        for (int i = 0; i < n; i += 2)
        {
            start[i] = -1.2;
            start[i + 1] = 1.0;
        }

        var f = new DifferentiableFunction(n, TestFunctions.Rosenbrock);
        var result = new LbfgsOptimizer(new LbfgsOptions { GradientTolerance = 1e-8, RelativeObjectiveTolerance = 0 }).Minimize(f, start);

        Assert.True(result.Converged, result.ToString());
        Assert.True(TestFunctions.MaxAbsDifference(result.Solution, Enumerable.Repeat(1.0, n).ToArray()) < 1e-6, result.ToString());
        Assert.InRange(result.Evaluations, 1, 150);

        // Every accepted iterate decreases the objective.
        for (int k = 1; k < result.ObjectiveHistory.Count; k++)
        {
            Assert.True(result.ObjectiveHistory[k] < result.ObjectiveHistory[k - 1]);
        }
    }

    [Fact]
    public void BoundedQuadraticStopsOnTheBoundWithZeroProjectedGradient()
    {
        // min 1/2 u^T A u - b^T u over a box that cuts off the unconstrained minimiser in several coordinates.
        const int n = 12;
        var a = TestFunctions.SpdMatrix(n, 20.0, seed: 3);
        var rng = new Random(4);
        var b = Enumerable.Range(0, n).Select(_ => 4 * (rng.NextDouble() - 0.5)).ToArray();
        var bounds = BoxBounds.Uniform(n, -0.3, 0.3);
        var visited = new List<double[]>();
        var f = new DifferentiableFunction(n, (u, g) =>
        {
            visited.Add(u.ToArray());
            return TestFunctions.Quadratic(a, b, u, g);
        });

        var result = new LbfgsOptimizer(new LbfgsOptions { GradientTolerance = 1e-8, RelativeObjectiveTolerance = 0 }).Minimize(f, new double[n], bounds);

        Assert.True(result.Converged, result.ToString());
        Assert.All(visited, p => Assert.True(bounds.Contains(p), "every evaluated point lies in the box"));
        int active = result.Solution.Count(v => Math.Abs(Math.Abs(v) - 0.3) < 1e-12);
        Assert.True(active >= 2, $"expected several active bounds, got {active}");

        // Independent check: projected gradient descent with step 1/L converges to the same point (convex problem).
        var reference = new double[n];
        var g = new double[n];
        double lipschitz = 20.0;
        for (int it = 0; it < 20000; it++)
        {
            TestFunctions.Quadratic(a, b, reference, g);
            for (int i = 0; i < n; i++)
            {
                reference[i] -= g[i] / lipschitz;
            }

            bounds.Project(reference);
        }

        Assert.True(TestFunctions.MaxAbsDifference(result.Solution, reference) < 1e-8, $"{result}; distance {TestFunctions.MaxAbsDifference(result.Solution, reference)}");
        Assert.InRange(result.Evaluations, 1, 40);
    }

    [Fact]
    public void RosenbrockWithTheMinimiserCutOffEndsOnTheBound()
    {
        // With u0 <= 0.8 the minimiser is (0.8, 0.64), f = 0.04, and df/du0 = -0.4 there pushes into the bound.
        var f = new DifferentiableFunction(2, TestFunctions.Rosenbrock);
        var bounds = new BoxBounds([-2, -2], [0.8, 2]);
        var result = new LbfgsOptimizer(new LbfgsOptions { GradientTolerance = 1e-8, RelativeObjectiveTolerance = 0 }).Minimize(f, [-1.2, 1.0], bounds);

        Assert.True(result.Converged, result.ToString());
        Assert.Equal(0.8, result.Solution[0]);
        Assert.Equal(0.64, result.Solution[1], 1e-8);
        Assert.Equal(0.04, result.Objective, 1e-12);
        Assert.InRange(result.Evaluations, 1, 45);
    }

    [Fact]
    public void SeparableBoundedProblemSolvesExactlyToTheClippedPoint()
    {
        // min sum (u_i - t_i)^4 + (u_i - t_i)^2 with targets outside the box: optimum = clip(t).
        double[] targets = [-3, -0.5, 0.2, 2, 5];
        var bounds = new BoxBounds([-1, -1, -1, 0, 0], [1, 1, 1, 1, 4]);
        var f = new DifferentiableFunction(5, (u, g) =>
        {
            double s = 0;
            for (int i = 0; i < 5; i++)
            {
                double z = u[i] - targets[i];
                s += z * z * z * z + z * z;
                g[i] = 4 * z * z * z + 2 * z;
            }

            return s;
        });

        var result = new LbfgsOptimizer(new LbfgsOptions { GradientTolerance = 1e-10 }).Minimize(f, [0.5, 0.5, 0.5, 0.5, 0.5], bounds);

        Assert.True(result.Converged, result.ToString());
        double[] expected = [-1, -0.5, 0.2, 1, 4];
        Assert.True(TestFunctions.MaxAbsDifference(result.Solution, expected) < 1e-7, string.Join(", ", result.Solution));
        Assert.InRange(result.Evaluations, 1, 40);
    }

    [Fact]
    public void EvaluationBudgetIsRespectedAndReported()
    {
        int calls = 0;
        var f = new DifferentiableFunction(2, (u, g) =>
        {
            calls++;
            return TestFunctions.Rosenbrock(u, g);
        });

        var result = new LbfgsOptimizer(new LbfgsOptions { MaxEvaluations = 7 }).Minimize(f, [-1.2, 1.0]);

        Assert.False(result.Converged);
        Assert.Equal(OptimizationExitReason.EvaluationLimit, result.ExitReason);
        Assert.Equal(calls, result.Evaluations);
        Assert.InRange(result.Evaluations, 7, 7);
        Assert.True(result.Objective < 24.2, "the budget-limited run still reports the best accepted point");
    }

    [Fact]
    public void IterationLimitIsReported()
    {
        var f = new DifferentiableFunction(2, TestFunctions.Rosenbrock);
        var result = new LbfgsOptimizer(new LbfgsOptions { MaxIterations = 3 }).Minimize(f, [-1.2, 1.0]);
        Assert.False(result.Converged);
        Assert.Equal(OptimizationExitReason.IterationLimit, result.ExitReason);
        Assert.Equal(3, result.Iterations);
    }

    [Fact]
    public void NonFiniteStartIsReportedNotHidden()
    {
        var f = new DifferentiableFunction(1, (u, g) =>
        {
            g[0] = double.NaN;
            return double.NaN;
        });
        var result = new LbfgsOptimizer().Minimize(f, [0.0]);
        Assert.False(result.Converged);
        Assert.Equal(OptimizationExitReason.NonFiniteObjective, result.ExitReason);
    }

    [Fact]
    public void UndefinedRegionShortensTheStep()
    {
        // f = -log(1 - u) + u^2 / 2 ... defined only for u < 1; return +inf beyond, as a failed equilibrium solve would.
        // Minimiser: 1/(1-u) = -u ... solve d/du = 1/(1-u) + u - 2 = 0  (with the linear term -2u)
        var f = new DifferentiableFunction(1, (u, g) =>
        {
            double x = u[0];
            if (x >= 1)
            {
                g[0] = double.NaN;
                return double.PositiveInfinity;
            }

            g[0] = 1 / (1 - x) + x - 2;
            return -Math.Log(1 - x) + 0.5 * x * x - 2 * x;
        });

        // Stationary points: 1 + (x - 2)(1 - x) = 0 -> x^2 - 3x + 1 = 0 -> x = (3 - sqrt 5) / 2 (the one below 1).
        double expected = (3 - Math.Sqrt(5)) / 2;
        var result = new LbfgsOptimizer(new LbfgsOptions { GradientTolerance = 1e-10 }).Minimize(f, [-5.0]);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(expected, result.Solution[0], 1e-8);
    }

    [Fact]
    public void InvalidOptionsAndInputsThrowWithTheProblemNamed()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsOptimizer(new LbfgsOptions { SufficientDecrease = 0.95 }));
        Assert.Contains("c1", ex.Message);
        var f = new DifferentiableFunction(2, TestFunctions.Rosenbrock);
        var ex2 = Assert.Throws<ArgumentException>(() => new LbfgsOptimizer().Minimize(f, [1.0, 2.0, 3.0]));
        Assert.Contains("length 3", ex2.Message);
        var ex3 = Assert.Throws<ArgumentException>(() => new BoxBounds([0.0, 2.0], [1.0, 1.0]));
        Assert.Contains("variable 1", ex3.Message);
    }

    [Fact]
    public void UnconstrainedDirectionEqualsTheTwoLoopRecursion()
    {
        // With no bounds the compact-form Cauchy point + subspace minimisation must reproduce -H g of the classic
        // two-loop recursion with H0 = I / theta.
        const int n = 8;
        const int m = 4;
        var rng = new Random(5);
        var model = new CompactLbfgsModel(n, m);
        var a = TestFunctions.SpdMatrix(n, 10, seed: 6);
        var pairs = new List<(double[] S, double[] Y)>();
        for (int k = 0; k < 6; k++)
        {
            var s = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    y[i] += a[i, j] * s[j];
                }
            }

            Assert.True(model.TryAdd(s, y));
            pairs.Add((s, y));
        }

        var kept = pairs.Skip(pairs.Count - m).ToList();
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var g = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var lower = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
        var upper = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var xbar = new double[n];
        model.ProposePoint(x, g, lower, upper, xbar);

        // Two-loop recursion.
        var q = (double[])g.Clone();
        var alpha = new double[m];
        for (int k = m - 1; k >= 0; k--)
        {
            double rho = 1 / Dot(kept[k].Y, kept[k].S);
            alpha[k] = rho * Dot(kept[k].S, q);
            for (int i = 0; i < n; i++)
            {
                q[i] -= alpha[k] * kept[k].Y[i];
            }
        }

        var last = kept[^1];
        double gamma = Dot(last.S, last.Y) / Dot(last.Y, last.Y);
        for (int i = 0; i < n; i++)
        {
            q[i] *= gamma;
        }

        for (int k = 0; k < m; k++)
        {
            double rho = 1 / Dot(kept[k].Y, kept[k].S);
            double beta = rho * Dot(kept[k].Y, q);
            for (int i = 0; i < n; i++)
            {
                q[i] += (alpha[k] - beta) * kept[k].S[i];
            }
        }

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(-q[i], xbar[i] - x[i], 1e-10);
        }
    }

    [Fact]
    public void CauchyPointMinimisesTheModelAlongTheProjectedPath()
    {
        const int n = 6;
        var rng = new Random(7);
        var model = new CompactLbfgsModel(n, 3);
        var a = TestFunctions.SpdMatrix(n, 30, seed: 8);
        for (int k = 0; k < 3; k++)
        {
            var s = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    y[i] += a[i, j] * s[j];
                }
            }

            Assert.True(model.TryAdd(s, y));
        }

        var bDense = model.DenseHessian();
        var lower = Enumerable.Repeat(-0.4, n).ToArray();
        var upper = Enumerable.Repeat(0.4, n).ToArray();
        var x = Enumerable.Range(0, n).Select(_ => 0.6 * (rng.NextDouble() - 0.5)).ToArray();
        var g = Enumerable.Range(0, n).Select(_ => 6 * (rng.NextDouble() - 0.5)).ToArray();
        var xc = new double[n];
        var c = new double[6];
        model.CauchyPoint(x, g, lower, upper, xc, c);

        double Model(double[] z)
        {
            double v = 0;
            for (int i = 0; i < n; i++)
            {
                double di = z[i] - x[i];
                v += g[i] * di;
                for (int j = 0; j < n; j++)
                {
                    v += 0.5 * di * bDense[i, j] * (z[j] - x[j]);
                }
            }

            return v;
        }

        double[] Path(double t) => Enumerable.Range(0, n).Select(i => Math.Clamp(x[i] - t * g[i], lower[i], upper[i])).ToArray();

        // Brute-force the first local minimiser of the model along P(x - t g) on a fine grid.
        double best = double.PositiveInfinity;
        double[] bestPoint = x;
        double previous = Model(x);
        for (int k = 1; k <= 200000; k++)
        {
            var p = Path(k * 1e-5);
            double v = Model(p);
            if (v > previous + 1e-15)
            {
                break;
            }

            previous = v;
            if (v < best)
            {
                best = v;
                bestPoint = p;
            }
        }

        Assert.True(Math.Abs(Model(xc) - best) < 1e-8, $"model at Cauchy point {Model(xc)}, brute force {best}");
        Assert.True(TestFunctions.MaxAbsDifference(xc, bestPoint) < 1e-4);

        Assert.True(Model(xc) <= 0, "the Cauchy point does not increase the model");
        Assert.All(xc, (v, i) => Assert.InRange(v, lower[i], upper[i]));
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();
}
