namespace LieInter.Solvers;

/// <summary>Settings of <see cref="PaperAnderson"/>; the defaults are the paper's (m = 5, lambda = 1e-4).</summary>
public sealed record PaperAndersonOptions
{
    /// <summary>Memory m: iterates kept (the reference's ring buffer of m slots).</summary>
    public int Memory { get; init; } = 5;

    /// <summary>Absolute Tikhonov regularisation lambda of the least-squares problem.</summary>
    public double Regularization { get; init; } = 1e-4;

    /// <summary>Mixing beta: x = beta sum alpha_i f(x_i) + (1 - beta) sum alpha_i x_i.</summary>
    public double Mixing { get; init; } = 1.0;

    /// <summary>The reference's stopping rule: stop once ||f(x) - x|| / (1e-5 + ||f(x)||) &lt; tol (0 runs the
    /// whole budget).</summary>
    public double Tolerance { get; init; } = 1e-12;
}
