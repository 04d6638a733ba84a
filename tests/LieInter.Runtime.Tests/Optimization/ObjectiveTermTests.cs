using LieInter.Optimization;

namespace LieInter.Tests.Optimization;

public class ObjectiveTermTests
{
    [Theory]
    [InlineData(L1Smoothing.PseudoHuber, 1.0)]
    [InlineData(L1Smoothing.Huber, 0.5)]
    public void SmoothedAbsoluteValueStaysWithinTheStatedBound(L1Smoothing kind, double boundPerWidth)
    {
        var rng = new Random(21);
        foreach (double w in new[] { 1e-9, 1e-4, 0.3, 2.0 })
        {
            double largest = 0;
            for (int k = 0; k < 2000; k++)
            {
                double z = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 7));
                var term = new L1DeviationTerm("t", [1.0], [0.0], w, kind);
                double exact = term.ExactValue([z], []);
                double smooth = term.Evaluate([z], [], 1.0, new double[1], []);
                double gap = exact - smooth;
                // Up to the rounding of |z| itself (a few ulps of z), which no formula can beat.
                double rounding = 4 * double.Epsilon + 4e-16 * Math.Abs(z);
                Assert.InRange(gap, -rounding, boundPerWidth * w + rounding);
                largest = Math.Max(largest, gap);
                Assert.Equal(boundPerWidth * w, term.SmoothingErrorBound, 15);
            }

            // The bound is tight: far from the kink the gap approaches it.
            var far = new L1DeviationTerm("t", [1.0], [0.0], w, kind);
            double zFar = 1e6 * w;
            Assert.True(far.ExactValue([zFar], []) - far.Evaluate([zFar], [], 1.0, new double[1], []) > 0.99 * boundPerWidth * w);
        }
    }

    [Fact]
    public void WeightedL1BoundCountsNonzeroWeightsOnly()
    {
        const double w = 1e-3;
        double[] weights = [2.0, 0.0, 0.5, -1.5, 0.0];
        var rng = new Random(22);
        var reference = Enumerable.Range(0, 5).Select(_ => rng.NextDouble()).ToArray();
        var term = new L1DeviationTerm("Employment deviation", weights, reference, w);
        Assert.Equal(3 * w, term.SmoothingErrorBound, 15);
        for (int k = 0; k < 200; k++)
        {
            var x = Enumerable.Range(0, 5).Select(_ => reference[0] + (rng.NextDouble() - 0.5) * 0.01).ToArray();
            double gap = term.ExactValue(x, []) - term.Evaluate(x, [], 1.0, new double[5], []);
            Assert.InRange(gap, 0.0, term.SmoothingErrorBound);
        }

        // The exact value is sum |e_i (x_i - r_i)|.
        var y = reference.Select((r, i) => r + i - 2.0).ToArray();
        double expected = weights.Select((e, i) => Math.Abs(e * (y[i] - reference[i]))).Sum();
        Assert.Equal(expected, term.ExactValue(y, []), 14);
    }

    public static TheoryData<string> TermNames => new() { "linear", "l1-pseudo", "l1-huber", "quadratic", "control-quadratic", "control-box", "control-l1" };

    [Theory]
    [MemberData(nameof(TermNames))]
    public void TermGradientsMatchCentralDifferences(string which)
    {
        const int n = 5;
        const int k = 4;
        var rng = new Random(23);
        double[] Rand(int len, double scale) => Enumerable.Range(0, len).Select(_ => scale * (rng.NextDouble() - 0.5)).ToArray();
        IObjectiveTerm term = which switch
        {
            "linear" => new LinearStateTerm("c", Rand(n, 2)),
            "l1-pseudo" => new L1DeviationTerm("d", Rand(n, 2), Rand(n, 1), 0.05),
            "l1-huber" => new L1DeviationTerm("d", Rand(n, 2), Rand(n, 1), 0.3, L1Smoothing.Huber),
            "quadratic" => new QuadraticDeviationTerm("q", Rand(n, 2).Select(Math.Abs).ToArray(), Rand(n, 1)),
            "control-quadratic" => new QuadraticDeviationTerm("r", Rand(k, 2).Select(Math.Abs).ToArray(), Rand(k, 1), TermSpace.Control),
            "control-box" => new ControlBoundPenaltyTerm("b", [-0.1, -0.2, -0.3, -0.05], [0.1, 0.2, 0.0, 0.05]),
            "control-l1" => new L1DeviationTerm("s", Rand(k, 2), Rand(k, 1), 0.05, space: TermSpace.Control),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        term.Validate(n, k);
        var x = Rand(n, 2);
        var u = Rand(k, 1);
        const double weight = 1.7;
        var gx = new double[n];
        var gu = new double[k];
        double value = term.Evaluate(x, u, weight, gx, gu);
        Assert.Equal(value, term.Evaluate(x, u, 0.0, new double[n], new double[k]), 15);
        const double h = 1e-6;
        for (int i = 0; i < n; i++)
        {
            double fd = weight * (Value(term, Shift(x, i, h), u) - Value(term, Shift(x, i, -h), u)) / (2 * h);
            Assert.Equal(fd, gx[i], 1e-6);
        }

        for (int j = 0; j < k; j++)
        {
            double fd = weight * (Value(term, x, Shift(u, j, h)) - Value(term, x, Shift(u, j, -h))) / (2 * h);
            Assert.Equal(fd, gu[j], 1e-6);
        }
    }

    [Fact]
    public void StressorRowsAreSelectedByNameWithClearErrors()
    {
        var r = new NamedRowMatrix(["CO2", "CH4", "N2O", "Employment"], new double[,]
        {
            { 1, 2, 0 },
            { 0, 1, 3 },
            { 0.1, 0, 0 },
            { 5, 6, 7 },
        });
        Assert.Equal([5.0, 6.0, 7.0], r.Row("Employment"));
        var ghg = LinearStateTerm.StressorTotal("GHG", r, new Dictionary<string, double> { ["CO2"] = 1, ["CH4"] = 28, ["N2O"] = 265 });
        Assert.Equal([1 + 26.5, 2 + 28, 84], ghg.Coefficients.ToArray());
        Assert.Equal(1 * 1 + 2 * 2 + 0 * 3, LinearStateTerm.StressorTotal(r, "CO2").ExactValue([1, 2, 3], []));

        var missing = Assert.Throws<KeyNotFoundException>(() => r.Row("GHG"));
        Assert.Contains("'GHG'", missing.Message);
        Assert.Contains("'Employment'", missing.Message);
        var duplicate = Assert.Throws<ArgumentException>(() => new NamedRowMatrix(["a", "a"], new double[2, 2]));
        Assert.Contains("'a' appears twice", duplicate.Message);
        var dev = L1DeviationTerm.StressorDeviation(r, "Employment", [1, 1, 1]);
        Assert.Equal(5 * 1 + 6 * 0 + 7 * 2, dev.ExactValue([2, 1, 3], []));
    }

    [Fact]
    public void ObjectiveRejectsMismatchedTermsByName()
    {
        var layer = new LinearLayer(new double[3, 2]);
        var objective = new InterventionObjective(layer);
        var ex = Assert.Throws<ArgumentException>(() => objective.Add(new LinearStateTerm("GHG", [1.0, 2.0])));
        Assert.Contains("'GHG'", ex.Message);
        Assert.Contains("length 2", ex.Message);
        objective.Add(new LinearStateTerm("GHG", [1.0, 2.0, 3.0]));
        var dup = Assert.Throws<ArgumentException>(() => objective.Add(new LinearStateTerm("GHG", [1.0, 2.0, 3.0])));
        Assert.Contains("already has a term named 'GHG'", dup.Message);
        var foreign = new QuadraticDeviationTerm("other", [1, 1, 1], [0, 0, 0]);
        Assert.Throws<ArgumentException>(() => objective.SetWeight(foreign, 2.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1DeviationTerm("d", [1.0], [0.0], -1.0));
    }

    private static double Value(IObjectiveTerm term, double[] x, double[] u) =>
        term.Evaluate(x, u, 1.0, new double[x.Length], new double[u.Length]);

    private static double[] Shift(double[] v, int i, double h)
    {
        var c = (double[])v.Clone();
        c[i] += h;
        return c;
    }
}

public class InterventionObjectiveTests
{
    /// <summary>A layer whose solve "fails to converge" when any coordinate exceeds a threshold.</summary>
    private sealed class FailingLayer(double threshold) : IEquilibriumLayer
    {
        public int StateDimension => 2;

        public int ControlDimension => 2;

        public bool TrySolve(ReadOnlySpan<double> u, Span<double> state)
        {
            if (u[0] > threshold || u[1] > threshold)
            {
                return false;
            }

            state[0] = u[0];
            state[1] = u[1];
            return true;
        }

        public void Backpropagate(ReadOnlySpan<double> stateCotangent, Span<double> controlGradient) => stateCotangent.CopyTo(controlGradient);
    }

    [Fact]
    public void FailedSolvesGiveInfinityAndTheOptimiserStepsBack()
    {
        // Minimise a flat quadratic 0.01 |x - 1.9|^2 with x = u, where no equilibrium exists beyond u = 2: the line
        // search extrapolates past 2, gets +infinity there, and shortens the step.
        var objective = new InterventionObjective(new FailingLayer(2.0)).Add(new QuadraticDeviationTerm("q", [0.02, 0.02], [1.9, 1.9]));
        var g = new double[2];
        Assert.Equal(double.PositiveInfinity, objective.Evaluate([3.0, 0.0], g));
        Assert.True(double.IsNaN(g[0]));
        Assert.Equal(1, objective.FailedSolves);
        Assert.Equal(0, objective.AdjointSolves);
        Assert.Throws<InvalidOperationException>(() => objective.Breakdown([3.0, 0.0]));

        var result = new LbfgsOptimizer().Minimize(objective, [-30.0, -50.0]);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(1.9, result.Solution[0], 1e-4);
        Assert.Equal(1.9, result.Solution[1], 1e-4);
        Assert.True(objective.FailedSolves > 1, "an extrapolated step left the region with an equilibrium");
        Assert.Equal(objective.EquilibriumSolves - objective.FailedSolves, objective.AdjointSolves);
    }

    [Fact]
    public void BreakdownReusesTheLastEvaluationAndReportsExactParts()
    {
        var layer = new LinearLayer(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var deviation = new L1DeviationTerm("dev", [1, 1, 1], [0, 0, 0], 0.5);
        var objective = new InterventionObjective(layer).Add(new LinearStateTerm("lin", [1, 2, 3])).Add(deviation, 2.0);
        var g = new double[2];
        double surrogate = objective.Evaluate([0.1, -0.2], g);
        int solves = layer.Solves;
        var breakdown = objective.Breakdown([0.1, -0.2]);
        Assert.Equal(solves, layer.Solves);
        Assert.Equal(surrogate, breakdown.SurrogateObjective);
        Assert.Equal(0.1 + 2 * -0.2 + 3 * -0.1, breakdown.Parts["lin"], 14);
        Assert.Equal(0.1 + 0.2 + 0.1, breakdown.Parts["dev"], 14);
        Assert.Equal(breakdown.Parts["lin"] + 2 * breakdown.Parts["dev"], breakdown.Objective, 14);
        Assert.Equal(2 * 3 * 0.5, objective.SmoothingErrorBound, 14);
        Assert.InRange(breakdown.Objective - breakdown.SurrogateObjective, 0.0, objective.SmoothingErrorBound);

        objective.Breakdown([0.3, 0.3]);
        Assert.Equal(solves + 1, layer.Solves);
    }
}
