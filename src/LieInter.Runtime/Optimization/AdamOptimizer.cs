using System.Diagnostics;
using LieInter.Solvers;

namespace LieInter.Optimization;

/// <summary>
/// Settings of Adam, for the library's two drivers of it: <see cref="AdamOptimizer"/>, which runs a whole
/// minimisation, and LieInter.Torch's <c>AdamTrainer</c>, which takes one step at a time for its caller (it reads only
/// the update rule: learning rate, betas, epsilon, weight decay and gradient clipping). The defaults are the paper's
/// run (learning rate 1e-3, 20,000 steps) with PyTorch's Adam constants (beta1 0.9, beta2 0.999, epsilon 1e-8, no
/// weight decay) and no early stopping.
/// </summary>
public sealed record AdamOptions
{
    /// <summary>The settings used in the paper's intervention design: 20,000 steps at learning rate 1e-3.</summary>
    public static AdamOptions Paper { get; } = new();

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Number of Adam steps (each one evaluation).</summary>
    public int Steps { get; init; } = 20_000;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double Epsilon { get; init; } = 1e-8;

    /// <summary>L2 weight decay as PyTorch's Adam applies it: the gradient becomes g + WeightDecay * u.</summary>
    public double WeightDecay { get; init; }

    /// <summary>When set, the gradient is rescaled to at most this Euclidean norm before each step (before the weight
    /// decay), as PyTorch's <c>clip_grad_norm_</c>.</summary>
    public double? MaxGradientNorm { get; init; }

    /// <summary>Stop (converged) when the projected gradient's infinity norm at an evaluated point is at most this;
    /// 0 disables the test.</summary>
    public double GradientTolerance { get; init; }

    /// <summary>Stop (converged) when the best objective improved by at most this fraction (of max(|best|, 1))
    /// over the last <see cref="ProgressWindow"/> steps; 0 disables the test.</summary>
    public double RelativeObjectiveTolerance { get; init; }

    public int ProgressWindow { get; init; } = 100;

    /// <summary>Evaluate the objective once more at the final iterate so that the reported objective belongs to
    /// the returned point (one extra evaluation). When false the result reports the last evaluated point (the
    /// iterate before the final step).</summary>
    public bool EvaluateFinalPoint { get; init; } = true;

    internal void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate) || Steps < 0 || !(Beta1 >= 0 && Beta1 < 1) || !(Beta2 >= 0 && Beta2 < 1) || !(Epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"Invalid Adam settings: learning rate {LearningRate} (positive, finite), steps {Steps}, beta1 {Beta1} and beta2 {Beta2} (in [0, 1)), epsilon {Epsilon} (positive).");
        }

        if (!(WeightDecay >= 0) || MaxGradientNorm is double clip && !(clip > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), $"Invalid Adam settings: weight decay {WeightDecay} (nonnegative), maximum gradient norm {MaxGradientNorm} (positive when set).");
        }

        if (!(GradientTolerance >= 0) || !(RelativeObjectiveTolerance >= 0) || ProgressWindow < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GradientTolerance), $"Invalid Adam stopping settings: gradient tolerance {GradientTolerance}, relative objective tolerance {RelativeObjectiveTolerance}, window {ProgressWindow}.");
        }
    }
}

/// <summary>
/// Adam (Kingma and Ba, 2015) exactly as PyTorch implements it without weight decay:
/// m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, u -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps), then a
/// projection onto the bounds (projected Adam). One evaluation per step.
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
