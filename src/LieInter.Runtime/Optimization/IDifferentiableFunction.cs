namespace LieInter.Optimization;

/// <summary>
/// A function of the design variables u (Lie-algebra coordinates of an intervention) with its gradient. For
/// intervention design one call costs one equilibrium solve plus one adjoint solve, so optimisers count calls of
/// <see cref="Evaluate"/> and report them as evaluations.
/// </summary>
public interface IDifferentiableFunction
{
    /// <summary>Length of u.</summary>
    int Dimension { get; }

    /// <summary>Returns f(u) and writes the whole gradient df/du into <paramref name="gradient"/>. May return
    /// <see cref="double.NaN"/> or <see cref="double.PositiveInfinity"/> when f is undefined at u (for example the
    /// equilibrium solve failed there); line searches then shorten the step.</summary>
    double Evaluate(ReadOnlySpan<double> u, Span<double> gradient);
}

/// <summary>
/// A function that minimises a smooth surrogate (for example a smoothed L1 term) but also knows the exact,
/// unsmoothed value at the last point it evaluated. Optimisers report the exact value as the objective and its
/// history, and the surrogate separately.
/// </summary>
public interface ISurrogateFunction : IDifferentiableFunction
{
    /// <summary>The exact (unsmoothed) objective at the point of the most recent <see cref="IDifferentiableFunction.Evaluate"/> call.</summary>
    double LastExactValue { get; }
}

/// <summary>
/// A surrogate with one smoothing width that can be changed between optimiser runs (continuation). For every u,
/// |exact - surrogate| &lt;= <see cref="SmoothingErrorBound"/>; when the smoothed parts carry nonnegative weights
/// the surrogate lies in [exact - bound, exact].
/// </summary>
public interface ISmoothableFunction : ISurrogateFunction
{
    /// <summary>The smoothing width w of every smoothed part; 0 means exact (non-smooth) parts with subgradients.</summary>
    double SmoothingWidth { get; set; }

    /// <summary>Bound on exact minus surrogate at the current width, valid for every u.</summary>
    double SmoothingErrorBound { get; }
}

/// <summary>Value and gradient of a function of u, as a delegate (custom delegate type because spans cannot be
/// generic arguments).</summary>
public delegate double GradientFunction(ReadOnlySpan<double> u, Span<double> gradient);

/// <summary>Wraps a <see cref="GradientFunction"/> as an <see cref="IDifferentiableFunction"/>.</summary>
public sealed class DifferentiableFunction : IDifferentiableFunction
{
    private readonly GradientFunction _function;

    public DifferentiableFunction(int dimension, GradientFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (dimension <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The number of design variables must be positive.");
        }

        Dimension = dimension;
        _function = function;
    }

    public int Dimension { get; }

    public double Evaluate(ReadOnlySpan<double> u, Span<double> gradient) => _function(u, gradient);
}
