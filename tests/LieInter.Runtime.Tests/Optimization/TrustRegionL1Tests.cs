using LieInter.Optimization;

namespace LieInter.Tests.Optimization;

/// <summary>Exact-L1 design on the synthetic multiplicative Leontief layer: x*(u) = (I - diag(e^u) A)^-1 diag(e^u) y.</summary>
public class TrustRegionL1Tests
{
    private const int Sectors = 6;

    private static BoxBounds Bounds => BoxBounds.Uniform(Sectors, -1.0, 0.5);

    private static (MultiplicativeLeontiefLayer Layer, LinearStateTerm Ghg, L1DeviationTerm Employment, InterventionObjective Objective) Problem(double lambda, int sectors = Sectors, int seed = 11)
    {
        var layer = MultiplicativeLeontiefLayer.Random(sectors, seed);
        var rng = new Random(seed + 1);
        var c = Enumerable.Range(0, sectors).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var e = Enumerable.Range(0, sectors).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var xStar = new double[sectors];
        Assert.True(layer.TrySolve(new double[sectors], xStar));
        layer.ResetCounters();
        var ghg = new LinearStateTerm("GHG", c);
        var employment = new L1DeviationTerm("Employment deviation", e, xStar);
        return (layer, ghg, employment, new InterventionObjective(layer).Add(ghg).Add(employment, lambda));
    }

    /// <summary>A first-order local minimum of the exact objective: no small step in the box decreases it by more
    /// than a second-order amount.</summary>
    private static void AssertLocalMinimum(InterventionObjective objective, double[] u, BoxBounds bounds, int seed)
    {
        double f0 = objective.Breakdown(u).Objective;
        var rng = new Random(seed);
        foreach (double h in new[] { 1e-2, 1e-3, 1e-4 })
        {
            for (int trial = 0; trial < 40; trial++)
            {
                var v = u.Select(ui => ui + (h * (2 * rng.NextDouble() - 1))).ToArray();
                bounds.Project(v);
                double f = objective.Breakdown(v).Objective;
                Assert.True(f >= f0 - (50 * h * h * Math.Max(1, Math.Abs(f0))), $"h = {h}: a step lowers the objective from {f0:R} to {f:R}");
            }
        }
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(1.0)]
    [InlineData(0.7)]
    [InlineData(0.3)]
    public void ConvergesToAStationaryPointNoWorseThanSmoothedLbfgs(double lambda)
    {
        var (layer, _, _, objective) = Problem(lambda);
        var result = new TrustRegionL1Optimizer().Minimize(objective, new double[Sectors], Bounds);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(OptimizationExitReason.Stationary, result.ExitReason);
        Assert.InRange(result.OptimalityMeasure, 0, 1e-9 * Math.Max(1, result.Objective));
        Assert.True(Bounds.Contains(result.Solution));
        Assert.Equal(result.Evaluations, layer.Solves);
        Assert.Equal(0, layer.Adjoints); // gradients come from the sensitivities, not from adjoint solves
        Assert.InRange(result.Factorizations, 1, result.Evaluations);

        // The reported objective is the exact one.
        var breakdown = objective.Breakdown(result.Solution);
        Assert.Equal(breakdown.Parts["GHG"] + (lambda * breakdown.Parts["Employment deviation"]), result.Objective, 1e-12);

        // At least as good as L-BFGS-B with smoothing continuation (its own stopping error aside), in far fewer solves.
        var (_, _, _, smoothed) = Problem(lambda);
        var lbfgs = SmoothingContinuation.Minimize(smoothed, new double[Sectors], new ContinuationOptions { InitialWidth = 0.1, FinalWidth = 1e-9 }, new LbfgsOptions(), Bounds);
        Assert.True(result.Objective <= lbfgs.Objective + 1e-9, $"trust region {result.Objective:R} vs L-BFGS {lbfgs.Objective:R}");
        Assert.True(result.Evaluations * 5 <= lbfgs.Evaluations, $"trust region {result.Evaluations} solves, L-BFGS {lbfgs.Evaluations}");
        AssertLocalMinimum(objective, result.Solution, Bounds, seed: 5);
    }

    [Fact]
    public void ModelsControlL1AndSmoothTermsToo()
    {
        // A sparse-intervention penalty on u (exact L1 in the control) and a quadratic output term (linearised).
        var (_, _, employment, objective) = Problem(0.8, sectors: 8, seed: 21);
        objective.Add(new L1DeviationTerm("Sparse intervention", Enumerable.Repeat(0.05, 8).ToArray(), new double[8], space: TermSpace.Control), 1.0);
        objective.Add(new QuadraticDeviationTerm("Output change", Enumerable.Repeat(0.02, 8).ToArray(), employment.Reference.ToArray()), 1.0);
        var bounds = BoxBounds.Uniform(8, -1.5, 1.0);
        var result = new TrustRegionL1Optimizer(new TrustRegionL1Options { OptimalityTolerance = 1e-8 }).Minimize(objective, new double[8], bounds);
        Assert.True(result.Converged, result.ToString());
        Assert.InRange(result.OptimalityMeasure, 0, 1e-8 * Math.Max(1, result.Objective));
        AssertLocalMinimum(objective, result.Solution, bounds, seed: 9);

        // The control L1 term makes some coordinates exactly zero (the kink is modelled, not smoothed away).
        Assert.Contains(result.Solution, v => v == 0);
    }

    [Fact]
    public void AnUnconvergedRunSaysSo()
    {
        var (_, _, _, objective) = Problem(0.5, sectors: 20, seed: 3);
        var bounds = BoxBounds.Uniform(20, Math.Log(0.2), Math.Log(5));
        var result = new TrustRegionL1Optimizer(new TrustRegionL1Options { MaxIterations = 1 }).Minimize(objective, new double[20], bounds);
        Assert.False(result.Converged);
        Assert.Equal(OptimizationExitReason.IterationLimit, result.ExitReason);
        Assert.True(result.OptimalityMeasure > 1e-6, result.ToString());
        Assert.Contains("not converged", result.ToString());
    }

    [Fact]
    public void RefusesWhatItCannotModel()
    {
        var (_, _, employment, objective) = Problem(1.0);
        employment.SmoothingWidth = 0; // fine: the L1 term is modelled exactly whatever its width
        objective.Add(new L1DeviationTerm("Negative", Enumerable.Repeat(1.0, Sectors).ToArray(), new double[Sectors]), -1.0);
        var ex = Assert.Throws<ArgumentException>(() => new TrustRegionL1Optimizer().Minimize(objective, new double[Sectors], Bounds));
        Assert.Contains("'Negative'", ex.Message);

        var plain = new InterventionObjective(new LinearLayer(new double[,] { { 1, 0 }, { 0, 1 } }, [0, 0]));
        plain.Add(new LinearStateTerm("x", [1, 1]));
        var noSensitivities = Assert.Throws<ArgumentException>(() => new TrustRegionL1Optimizer().Minimize(plain, new double[2]));
        Assert.Contains("sensitivities", noSensitivities.Message);
    }

    [Fact]
    public void LambdaPathMarksConvergenceOptimalityAndActiveBounds()
    {
        var (_, ghg, employment, objective) = Problem(1.0);
        double[] lambdas = [3.0, 1.5, 1.0, 0.7, 0.4];
        var seen = new List<int>();
        var path = LambdaPath.Sweep(objective, ghg, employment, lambdas, new double[Sectors], new LambdaPathOptions
        {
            Bounds = Bounds,
            Progress = p => seen.Add(p.Index),
        });
        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.True(path.IsMonotone, string.Join("; ", path.Violations));
        foreach (var p in path.Points)
        {
            Assert.True(p.Converged, p.Result.ToString());
            Assert.Equal(OptimizationExitReason.Stationary, p.ExitReason);
            Assert.True(p.OptimalityMeasure <= 1e-9 * Math.Max(1, p.Objective));
            Assert.Equal(Sectors, p.State.Length);
            var expectedLower = Enumerable.Range(0, Sectors).Where(i => p.U[i] == Bounds.Lower[i]).ToArray();
            var expectedUpper = Enumerable.Range(0, Sectors).Where(i => p.U[i] == Bounds.Upper[i]).ToArray();
            Assert.Equal(expectedLower, p.AtLowerBound);
            Assert.Equal(expectedUpper, p.AtUpperBound);
        }

        Assert.Contains(path.Points, p => p.AtLowerBound.Count > 0);
    }
}
