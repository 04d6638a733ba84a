using LieInter.Optimization;

namespace LieInter.Tests.Optimization;

/// <summary>Intervention design on the synthetic equilibrium x*(u) = (I - diag(e^u) A)^-1 diag(e^u) y with the
/// loss of eq. (5): c^T x + lambda || e ∘ (x - x*) ||_1.</summary>
public class EquilibriumDesignTests
{
    private const int Sectors = 6;

    private static (MultiplicativeLeontiefLayer Layer, LinearStateTerm Ghg, L1DeviationTerm Employment, InterventionObjective Objective) Problem(double lambda)
    {
        var layer = MultiplicativeLeontiefLayer.Random(Sectors, seed: 11);
        var rng = new Random(12);
        var c = Enumerable.Range(0, Sectors).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var e = Enumerable.Range(0, Sectors).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var xStar = new double[Sectors];
        Assert.True(layer.TrySolve(new double[Sectors], xStar));
        layer.ResetCounters();
        var ghg = new LinearStateTerm("GHG", c);
        var employment = new L1DeviationTerm("Employment deviation", e, xStar);
        var objective = new InterventionObjective(layer).Add(ghg).Add(employment, lambda);
        return (layer, ghg, employment, objective);
    }

    private static BoxBounds Bounds => BoxBounds.Uniform(Sectors, -1.0, 0.5);

    [Fact]
    public void AdjointGradientMatchesCentralDifferences()
    {
        var (layer, _, employment, objective) = Problem(lambda: 0.8);
        employment.SmoothingWidth = 0.05;
        var rng = new Random(13);
        var xStar = employment.Reference.ToArray();
        objective.Add(new QuadraticDeviationTerm("Output change", Enumerable.Repeat(0.3, Sectors).ToArray(), xStar), 1.0);
        objective.Add(QuadraticDeviationTerm.Ridge("Ridge", Sectors, 0.2), 1.0);
        for (int trial = 0; trial < 3; trial++)
        {
            var u = Enumerable.Range(0, Sectors).Select(_ => 0.6 * (rng.NextDouble() - 0.5)).ToArray();
            var g = new double[Sectors];
            double f = objective.Evaluate(u, g);
            Assert.True(double.IsFinite(f));
            const double h = 1e-6;
            var scratch = new double[Sectors];
            for (int i = 0; i < Sectors; i++)
            {
                var up = (double[])u.Clone();
                var down = (double[])u.Clone();
                up[i] += h;
                down[i] -= h;
                double fd = (objective.Evaluate(up, scratch) - objective.Evaluate(down, scratch)) / (2 * h);
                Assert.True(Math.Abs(fd - g[i]) <= 1e-7 * Math.Max(1, Math.Abs(g[i])), $"u[{i}]: adjoint {g[i]}, finite difference {fd}");
            }
        }

        Assert.Equal(layer.Solves, objective.EquilibriumSolves);
        Assert.Equal(layer.Adjoints, objective.AdjointSolves);
        Assert.Equal(objective.EquilibriumSolves, objective.AdjointSolves);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(1.0)]
    [InlineData(0.7)]
    public void LbfgsBeatsAdamWithAtMostATwentiethOfTheSolves(double lambda)
    {
        // Adam as in the paper: learning rate 1e-3, 20,000 steps, on the exact L1 loss (subgradient, as autograd gives).
        var (adamLayer, _, _, adamObjective) = Problem(lambda);
        var adam = new AdamOptimizer(AdamOptions.Paper).Minimize(adamObjective, new double[Sectors], Bounds);
        Assert.Equal(20_001, adam.Evaluations);
        Assert.Equal(adam.Evaluations, adamLayer.Solves);

        // L-BFGS-B with smoothing continuation down to width 1e-9 (error bound 6 lambda 1e-9).
        var (layer, _, _, objective) = Problem(lambda);
        var lbfgs = SmoothingContinuation.Minimize(objective, new double[Sectors], new ContinuationOptions { InitialWidth = 0.1, FinalWidth = 1e-9 }, new LbfgsOptions(), Bounds);

        Assert.True(lbfgs.Converged, lbfgs.ToString());
        Assert.Equal(lbfgs.Evaluations, layer.Solves);
        Assert.Equal(layer.Solves, layer.Adjoints);
        Assert.True(20 * lbfgs.Evaluations <= adam.Evaluations, $"L-BFGS used {lbfgs.Evaluations} solves, Adam {adam.Evaluations}");
        Assert.True(lbfgs.Objective <= adam.Objective, $"L-BFGS {lbfgs.Objective:R} vs Adam {adam.Objective:R}");
        Assert.Equal(6 * lambda * 1e-9, lbfgs.SmoothingErrorBound, 1e-20);
        Assert.InRange(lbfgs.Objective - lbfgs.SurrogateObjective, 0.0, lbfgs.SmoothingErrorBound);

        // The reported objective is the exact one: recompute c^T x + lambda ||e ∘ (x - x*)||_1 at the solution.
        var breakdown = objective.Breakdown(lbfgs.Solution);
        Assert.Equal(breakdown.Parts["GHG"] + lambda * breakdown.Parts["Employment deviation"], lbfgs.Objective, 1e-12);
    }

    [Fact]
    public void LambdaPathTradesEmissionsAgainstEmploymentMonotonically()
    {
        var (layer, ghg, employment, objective) = Problem(lambda: 1.0);
        double[] lambdas = [3.0, 2.0, 1.5, 1.2, 1.0, 0.85, 0.7, 0.55, 0.4, 0.25];
        var path = LambdaPath.Sweep(objective, ghg, employment, lambdas, new double[Sectors], new LambdaPathOptions
        {
            Method = DesignMethod.SmoothedLbfgs,
            Continuation = new ContinuationOptions { InitialWidth = 1e-2, FinalWidth = 1e-9 },
            Bounds = Bounds,
        });

        Assert.Equal(lambdas.Length, path.Points.Count);
        Assert.True(path.IsMonotone, string.Join("; ", path.Violations));
        Assert.Equal(1.0, objective.GetWeight(employment));
        for (int k = 0; k < lambdas.Length; k++)
        {
            var p = path.Points[k];
            Assert.Equal(lambdas[k], p.Lambda);
            Assert.True(p.Converged, p.Result.ToString());
            Assert.True(p.Evaluations > 0 && p.Iterations > 0);
            Assert.True(Bounds.Contains(p.U));
            Assert.Equal(p.Loss + p.Lambda * p.Deviation, p.Objective, 1e-12);
        }

        // A real trade-off: emissions fall and the employment change grows along the path.
        Assert.True(path.Points[^1].Loss < path.Points[0].Loss - 1.0);
        Assert.True(path.Points[^1].Deviation > path.Points[0].Deviation + 1.0);

        // One layer served every point; reports reuse the last evaluation (at most one extra solve per point).
        Assert.Equal(layer.Solves, objective.EquilibriumSolves);
        Assert.InRange(layer.Solves, path.TotalEvaluations, path.TotalEvaluations + lambdas.Length);

        // Each point is optimal for its own lambda against the other points' interventions (a Pareto property), up
        // to the smoothing error bound 6 lambda w (w = 1e-9) plus the optimiser's stopping error, which is not
        // bounded a priori; measured here at most 1.4e-8 absolute (2e-9 relative), so allow 1e-8 relative.
        for (int k = 0; k < lambdas.Length; k++)
        {
            double own0 = path.Points[k].Loss + lambdas[k] * path.Points[k].Deviation;
            double accuracy = Sectors * lambdas[k] * 1e-9 + 1e-8 * Math.Abs(own0);
            foreach (var other in path.Points)
            {
                double own = path.Points[k].Loss + lambdas[k] * path.Points[k].Deviation;
                double theirs = other.Loss + lambdas[k] * other.Deviation;
                Assert.True(own <= theirs + accuracy, $"lambda {lambdas[k]}: own {own}, point lambda {other.Lambda} gives {theirs}");
            }
        }
    }

    [Fact]
    public void WarmStartScheduleAppliesAfterTheFirstPoint()
    {
        var (_, ghg, employment, objective) = Problem(lambda: 1.0);
        var path = LambdaPath.Sweep(objective, ghg, employment, [2.0, 1.0, 0.5], new double[Sectors], new LambdaPathOptions
        {
            Method = DesignMethod.SmoothedLbfgs,
            Continuation = new ContinuationOptions { InitialWidth = 1e-2, FinalWidth = 1e-8 },
            WarmStartContinuation = new ContinuationOptions { InitialWidth = 1e-4, FinalWidth = 1e-8 },
            Bounds = Bounds,
        });
        Assert.Equal([7, 5, 5], path.Points.Select(p => p.Result.Stages.Count));
        Assert.All(path.Points, p => Assert.Equal(1e-8, p.Result.Stages[^1].SmoothingWidth));
    }

    [Fact]
    public void DiagnosticsReportTradeOffsThatMoveTheWrongWay()
    {
        LambdaPathPoint Point(double lambda, double loss, double deviation) => new(
            lambda, [], loss, deviation, loss + lambda * deviation, loss + lambda * deviation,
            new Dictionary<string, double>(), 1, 1, TimeSpan.Zero, true, OptimizationExitReason.GradientTolerance,
            new OptimizationResult
            {
                Solution = [],
                Objective = 0,
                SurrogateObjective = 0,
                Converged = true,
                ExitReason = OptimizationExitReason.GradientTolerance,
                Iterations = 1,
                Evaluations = 1,
                ObjectiveHistory = [],
                ProjectedGradientNorm = 0,
            });

        // Given out of order on purpose: diagnostics sort by lambda.
        var points = new[] { Point(0.5, 9.0, 2.0), Point(2.0, 10.0, 1.0), Point(1.0, 9.5, 1.5), Point(0.25, 9.2, 1.99) };
        var violations = LambdaPath.Diagnose(points, deviationSmoothingBound: 0.0, relativeTolerance: 1e-9);
        Assert.Equal(2, violations.Count);
        var loss = Assert.Single(violations, v => v.Quantity == PathQuantity.Loss);
        Assert.Equal((0.5, 0.25), (loss.LargerLambda, loss.SmallerLambda));
        Assert.Equal(0.2, loss.Amount, 1e-12);
        var deviation = Assert.Single(violations, v => v.Quantity == PathQuantity.Deviation);
        Assert.Equal(0.01, deviation.Amount, 1e-12);

        // A deviation drop inside the smoothing error bound is not a violation.
        Assert.Single(LambdaPath.Diagnose(points, deviationSmoothingBound: 0.02, relativeTolerance: 1e-9));
    }
}
