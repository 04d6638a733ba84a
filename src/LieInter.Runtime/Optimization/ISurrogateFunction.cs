namespace LieInter.Optimization;

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
