using LieInter.Equilibrium;
using LieInter.Solvers;
using LieInter.Tests.Generated;

namespace LieInter.Tests.Solvers;

public class PaperAndersonTests
{
    // The fixed problem and the expected iterates of Reference/paper_anderson.py: the reference code's anderson,
    // transcribed to numpy, with max_iter = 9 (seven steps, so the ring buffer of m = 5 wraps) and tol = 0.
    private static EquilibriumSystem Problem() => new(new DenseLeontief
    {
        A = new[,] { { 0.10, 0.20, 0.05, 0.00 }, { 0.30, 0.05, 0.10, 0.20 }, { 0.00, 0.25, 0.15, 0.10 }, { 0.20, 0.10, 0.30, 0.05 } },
        FinalDemand = [1.0, 2.0, 0.5, 1.5],
        X = new double[4],
    });

    [Theory]
    [InlineData(1.0, new[] { 2.0196673119860264, 3.587963297017658, 1.9980194772028712, 3.012778596982347 })]
    [InlineData(2.0, new[] { 2.019925677198858, 3.586893782426393, 1.9980219584541208, 3.0121801416908363 })]
    public void ItsIteratesAreTheReferenceCodes(double beta, double[] expected)
    {
        var x = new double[4];
        var solver = new PaperAnderson(new PaperAndersonOptions { Mixing = beta, Tolerance = 0 });
        Assert.False(solver.TrySolve(Problem(), x, new SolverOptions { MaxIterations = 9 }, out var report));
        Assert.Equal(SolveExitReason.IterationLimit, report.ExitReason);
        Assert.Equal(7, report.Iterations);
        Assert.Equal(9, report.FunctionEvaluations);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(x[i] - expected[i]) <= 1e-12 * Math.Abs(expected[i]), $"x[{i}] = {x[i]:R}, reference {expected[i]:R}");
        }
    }

    [Fact]
    public void ItStopsByTheReferencesRuleAndConvergesToTheSolution()
    {
        // Reference residuals (beta 1): 0.0759, 0.00401, 0.00108, 1.31e-4, ...: tol 1e-3 stops after the fourth step.
        var x = new double[4];
        var solver = new PaperAnderson(new PaperAndersonOptions { Tolerance = 1e-3 });
        Assert.True(solver.TrySolve(Problem(), x, new SolverOptions { MaxIterations = 50 }, out var report));
        Assert.Equal(4, report.Iterations);

        Array.Clear(x);
        Assert.True(new PaperAnderson().TrySolve(Problem(), x, new SolverOptions { MaxIterations = 200 }, out report), report.Message);
        var system = Problem();
        var fx = new double[4];
        system.Evaluate(x, fx);
        Assert.True(Math.Sqrt(x.Zip(fx, (a, b) => (a - b) * (a - b)).Sum()) <= 1e-11 * Math.Sqrt(x.Sum(v => v * v)));
    }

    [Fact]
    public void ABudgetBelowItsTwoStartingEvaluationsIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PaperAnderson().TrySolve(Problem(), new double[4], new SolverOptions { MaxIterations = 2 }, out _));
        Assert.Contains("at least 3", e.Message);
    }
}
