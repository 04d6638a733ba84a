using LieInter.Economics;
using LieInter.Optimization;
using Xunit.Abstractions;

namespace LieInter.Tests.Design;

public class ExactDesignTests : IClassFixture<DesignProblems>
{
    private readonly DesignProblems _problems;
    private readonly ITestOutputHelper _out;

    public ExactDesignTests(DesignProblems problems, ITestOutputHelper output)
    {
        _problems = problems;
        _out = output;
    }

    [Theory]
    [InlineData("DEU 2014", 0.2, 5.0)]
    [InlineData("DEU 2014", 0.2, 1.0)]
    public void TrustRegionReachesTheGlobalOptimumOfTheLinearProgram(string problem, double lo, double hi)
    {
        var data = _problems[problem];
        var design = new GhgEmploymentDesign(data, new GhgEmploymentOptions { MinMultiplier = lo, MaxMultiplier = hi, InitialSmoothing = 0 });
        int n = data.Sectors.Count;
        using var lp = new LeontiefDesignProgram(data.A, data.FinalDemand, design.Ghg.Coefficients.ToArray(), design.EmploymentDeviation.Weights.ToArray(), design.Reference,
            Enumerable.Repeat(lo, n).ToArray(), Enumerable.Repeat(hi, n).ToArray());
        var optimizer = new TrustRegionL1Optimizer();
        var u = new double[n];
        foreach (double lambda in new[] { 2.0, 1.0, 0.5, 0.2 })
        {
            design.Objective.SetWeight(design.EmploymentDeviation, lambda);
            var exact = lp.Solve(lambda);
            Assert.True(exact.Verified, string.Join("; ", exact.Problems));
            var result = optimizer.Minimize(design.Objective, u, design.Bounds);
            _out.WriteLine($"lambda {lambda}: LP {exact.Objective:G12} ({exact.Elapsed.TotalMilliseconds:F1} ms), TR {result}, {result.Factorizations} factorisations, {result.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(result.Converged, result.ToString());
            Assert.True(result.Objective <= exact.Objective * (1 + 1e-9), $"{result.Objective} vs {exact.Objective}");
            Assert.True(result.Objective >= exact.Objective * (1 - 1e-9));
            u = result.Solution;
        }
    }
}
