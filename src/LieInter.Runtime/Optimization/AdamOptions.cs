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
