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
