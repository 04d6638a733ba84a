namespace LieInter.Solvers;

/// <summary>Settings of <see cref="AndersonAcceleration"/>.</summary>
public sealed record AndersonOptions
{
    /// <summary>Memory m: how many past residual differences the least-squares step uses.</summary>
    public int Memory { get; init; } = 6;

    /// <summary>Mixing beta: x_{k+1} = x_k + beta g_k - (dX + beta dG) gamma.</summary>
    public double Mixing { get; init; } = 1.0;

    /// <summary>Tikhonov regularisation of the least-squares problem. When <see cref="RelativeRegularization"/> is
    /// true it is scaled by ||dG||_F^2, so it means the same whatever the units of the state.</summary>
    public double Regularization { get; init; } = 1e-12;

    public bool RelativeRegularization { get; init; } = true;

    /// <summary>Reject an accelerated step whose residual exceeds this factor times the previous one: take a plain
    /// mixing step from the previous iterate instead and restart the history. Null disables the safeguard.</summary>
    public double? SafeguardFactor { get; init; } = 1.0;

    /// <summary>Restart (drop the oldest differences) when the regularised normal matrix has a Cholesky pivot below
    /// this fraction of its largest diagonal entry.</summary>
    public double RestartConditioning { get; init; } = 1e-14;

    /// <summary>The difference (type-II, Walker and Ni) form with the paper's settings: m = 5, absolute
    /// regularisation 1e-4 of the step over residual differences, no safeguard, no restarts. Not the paper's solver:
    /// that is the constrained form, <see cref="PaperAnderson"/>; with this absolute regularisation the two part
    /// once ||G||^2 falls below 1e-4 (here gamma goes to 0 and beta = 2 becomes x &lt;- 2 f(x) - x).</summary>
    public static AndersonOptions DifferenceForm(double mixing) => new()
    {
        Memory = 5,
        Mixing = mixing,
        Regularization = 1e-4,
        RelativeRegularization = false,
        SafeguardFactor = null,
        RestartConditioning = 0,
    };
}
