using System.Diagnostics;
using LieInter.Solvers;

namespace LieInter.Optimization;

/// <summary>
/// Adam (Kingma and Ba, 2015) exactly as PyTorch implements it: g clipped to <see cref="AdamOptions.MaxGradientNorm"/>
/// when set, plus <see cref="AdamOptions.WeightDecay"/> u; m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
/// u -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps), then a projection onto the bounds (projected Adam). One
/// evaluation per step.
/// </summary>
public sealed class AdamOptimizer
{
    public AdamOptimizer(AdamOptions? options = null)
    {
        Options = options ?? AdamOptions.Paper;
        Options.Validate();
    }

    public AdamOptions Options { get; }

    public OptimizationResult Minimize(IDifferentiableFunction function, ReadOnlySpan<double> initial, BoxBounds? bounds = null)
    {
        var x = OptimizerStart.Prepare(function, initial, ref bounds);
        int n = x.Length;
        var stopwatch = Stopwatch.StartNew();
        var surrogate = function as ISurrogateFunction;
        var options = Options;

        var g = new double[n];
        var m = new double[n];
        var v = new double[n];
        var previousX = new double[n];
        var history = new List<double>(options.Steps + 1);
        var bestSoFar = options.RelativeObjectiveTolerance > 0 ? new List<double>(options.Steps + 1) : null;

        int evaluations = 0;
        double f = double.NaN, exact = double.NaN, pg = double.NaN;
        double previousF = double.NaN, previousExact = double.NaN, previousPg = double.NaN;
        double beta1Power = 1, beta2Power = 1;

        for (int t = 1; t <= options.Steps; t++)
        {
            f = function.Evaluate(x, g);
            evaluations++;
            exact = surrogate?.LastExactValue ?? f;
            history.Add(exact);
            if (!double.IsFinite(f) || !Vec.AllFinite(g))
            {
                return NonFinite(t - 1);
            }

            pg = bounds.ProjectedGradientNorm(x, g);
            if (options.GradientTolerance > 0 && pg <= options.GradientTolerance)
            {
                return Result(OptimizationExitReason.GradientTolerance, t - 1);
            }

            if (bestSoFar is not null)
            {
                bestSoFar.Add(bestSoFar.Count == 0 ? f : Math.Min(bestSoFar[^1], f));
                int w = options.ProgressWindow;
                if (bestSoFar.Count > w)
                {
                    double then = bestSoFar[^(w + 1)];
                    double now = bestSoFar[^1];
                    if (then - now <= options.RelativeObjectiveTolerance * Math.Max(Math.Abs(then), 1.0))
                    {
                        return Result(OptimizationExitReason.ObjectiveProgress, t - 1);
                    }
                }
            }

            Array.Copy(x, previousX, n);
            previousF = f;
            previousExact = exact;
            previousPg = pg;

            if (options.MaxGradientNorm is double maxNorm)
            {
                // PyTorch's clip_grad_norm_: scale by max / (norm + 1e-6) when that is below 1.
                double scale = maxNorm / (Vec.Norm(g) + 1e-6);
                if (scale < 1)
                {
                    foreach (ref double gi in g.AsSpan())
                    {
                        gi *= scale;
                    }
                }
            }

            if (options.WeightDecay > 0)
            {
                Vec.Axpy(options.WeightDecay, x, g);
            }

            beta1Power *= options.Beta1;
            beta2Power *= options.Beta2;
            double correction1 = 1.0 - beta1Power;
            double correction2 = 1.0 - beta2Power;
            for (int i = 0; i < n; i++)
            {
                m[i] = options.Beta1 * m[i] + (1.0 - options.Beta1) * g[i];
                v[i] = options.Beta2 * v[i] + (1.0 - options.Beta2) * g[i] * g[i];
                double mHat = m[i] / correction1;
                double vHat = v[i] / correction2;
                x[i] -= options.LearningRate * mHat / (Math.Sqrt(vHat) + options.Epsilon);
            }

            bounds.Project(x);
        }

        if (options.EvaluateFinalPoint || options.Steps == 0)
        {
            f = function.Evaluate(x, g);
            evaluations++;
            exact = surrogate?.LastExactValue ?? f;
            history.Add(exact);
            if (!double.IsFinite(f) || !Vec.AllFinite(g))
            {
                return NonFinite(options.Steps);
            }

            pg = bounds.ProjectedGradientNorm(x, g);
        }
        else
        {
            // Report the last evaluated iterate, which is the one before the final step.
            Array.Copy(previousX, x, n);
        }

        return Result(OptimizationExitReason.IterationLimit, options.Steps);

        OptimizationResult Result(OptimizationExitReason reason, int steps) => new()
        {
            Solution = (double[])x.Clone(),
            Objective = exact,
            SurrogateObjective = f,
            Converged = reason is OptimizationExitReason.GradientTolerance or OptimizationExitReason.ObjectiveProgress,
            ExitReason = reason,
            Iterations = steps,
            Evaluations = evaluations,
            ObjectiveHistory = history,
            ProjectedGradientNorm = pg,
            Elapsed = stopwatch.Elapsed,
        };

        // Return the last point with a finite objective (the start itself when that is not finite).
        OptimizationResult NonFinite(int steps)
        {
            if (steps > 0 && double.IsFinite(previousF))
            {
                Array.Copy(previousX, x, n);
                f = previousF;
                exact = previousExact;
                pg = previousPg;
            }
            else
            {
                pg = double.NaN;
            }

            return Result(OptimizationExitReason.NonFiniteObjective, steps);
        }
    }
}
