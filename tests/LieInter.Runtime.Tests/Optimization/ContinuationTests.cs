using LieInter.Optimization;

namespace LieInter.Tests.Optimization;

public class ContinuationTests
{
    [Fact]
    public void SmoothedL1RegressionFindsTheMedians()
    {
        // min_u sum_{j,k} |u_j - b_jk|: each u_j is the median of its five observations.
        double[][] observations =
        [
            [0.3, -1.0, 2.5, 0.9, 0.1],
            [5.0, 4.0, -2.0, 7.5, 4.4],
            [-0.2, -0.25, 3.0, -9.0, 1.0],
        ];
        int m = observations.Length;
        int count = observations[0].Length;
        var b = new double[m * count, m];
        var target = new double[m * count];
        for (int j = 0; j < m; j++)
        {
            for (int k = 0; k < count; k++)
            {
                b[j * count + k, j] = 1.0;
                target[j * count + k] = observations[j][k];
            }
        }

        var medians = observations.Select(o => o.OrderBy(v => v).ElementAt(2)).ToArray();
        double optimum = observations.Select((o, j) => o.Sum(v => Math.Abs(v - medians[j]))).Sum();
        var objective = new InterventionObjective(new LinearLayer(b)).Add(new L1DeviationTerm("residual", Enumerable.Repeat(1.0, m * count).ToArray(), target));

        var result = SmoothingContinuation.Minimize(objective, new double[m], new ContinuationOptions { InitialWidth = 1.0, FinalWidth = 1e-9 });

        Assert.True(result.Converged, result.ToString());
        Assert.Equal(10, result.Stages.Count);
        Assert.Equal(15 * 1e-9, result.SmoothingErrorBound, 1e-22);
        Assert.True(TestFunctions.MaxAbsDifference(result.Solution, medians) < 1e-7, string.Join(", ", result.Solution));

        // The stated accuracy: the exact objective at the returned point is within the bound of the optimum.
        Assert.InRange(result.Objective - optimum, -1e-12, result.SmoothingErrorBound + 1e-12);
        Assert.InRange(result.Objective - result.SurrogateObjective, 0.0, result.SmoothingErrorBound);
        Assert.Equal(objective.EquilibriumSolves, result.Evaluations);
        Assert.InRange(result.Evaluations, 1, 400);
    }

    [Fact]
    public void SmoothedL1RegressionRecoversAnExactFit()
    {
        // b = B u_true exactly: the L1 regression optimum is u_true with objective 0.
        const int rows = 40;
        const int cols = 5;
        var rng = new Random(31);
        var b = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                b[i, j] = rng.NextDouble() - 0.5;
            }
        }

        double[] uTrue = [0.7, -1.2, 0.05, 2.0, -0.4];
        var target = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                target[i] += b[i, j] * uTrue[j];
            }
        }

        var objective = new InterventionObjective(new LinearLayer(b)).Add(new L1DeviationTerm("residual", Enumerable.Repeat(1.0, rows).ToArray(), target, 0, L1Smoothing.Huber));
        var result = SmoothingContinuation.Minimize(objective, new double[cols], new ContinuationOptions { InitialWidth = 0.1, FinalWidth = 1e-10 });

        Assert.True(result.Converged, result.ToString());
        Assert.True(TestFunctions.MaxAbsDifference(result.Solution, uTrue) < 1e-6, string.Join(", ", result.Solution));
        Assert.InRange(result.Objective, 0.0, result.SmoothingErrorBound + 1e-9);
        Assert.Equal(rows * 0.5e-10, result.SmoothingErrorBound, 1e-22);
    }

    [Fact]
    public void WidthsShrinkGeometricallyToTheFinalWidth()
    {
        var widths = new ContinuationOptions { InitialWidth = 1.0, FinalWidth = 3e-4, ShrinkFactor = 0.1 }.Widths();
        Assert.Equal(5, widths.Count);
        Assert.Equal(1.0, widths[0]);
        Assert.Equal(1e-3, widths[3], 15);
        Assert.Equal(3e-4, widths[^1]);
        Assert.Single(new ContinuationOptions { InitialWidth = 1e-6, FinalWidth = 1e-6 }.Widths());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuationOptions { InitialWidth = 1e-6, FinalWidth = 1e-3 }.Widths());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuationOptions { InitialWidth = 1, FinalWidth = 1e-3, ShrinkFactor = 1 }.Widths());
    }

    [Fact]
    public void TotalBudgetCutsTheScheduleAndIsReportedAsNotConverged()
    {
        var objective = new InterventionObjective(new LinearLayer(new double[,] { { 1 }, { 1 }, { 1 } }))
            .Add(new L1DeviationTerm("residual", [1, 1, 1], [0.0, 1.0, 5.0]));
        var result = SmoothingContinuation.Minimize(objective, [3.0], new ContinuationOptions { InitialWidth = 1, FinalWidth = 1e-12, MaxTotalEvaluations = 12 });
        Assert.False(result.Converged);
        Assert.Equal(OptimizationExitReason.EvaluationLimit, result.ExitReason);
        Assert.True(result.Evaluations <= 12);
        Assert.True(result.Stages.Count < 13);
    }
}
