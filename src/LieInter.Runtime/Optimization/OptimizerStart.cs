using System.Diagnostics.CodeAnalysis;

namespace LieInter.Optimization;

/// <summary>The set-up every bound-constrained optimiser shares, so each checks its input the same way.</summary>
internal static class OptimizerStart
{
    /// <summary>
    /// Checks that <paramref name="initial"/> has the function's dimension, defaults missing bounds to none, checks
    /// their dimension, and returns the starting point projected into them (a fresh array the optimiser may own).
    /// </summary>
    public static double[] Prepare(IDifferentiableFunction function, ReadOnlySpan<double> initial, [NotNull] ref BoxBounds? bounds)
    {
        ArgumentNullException.ThrowIfNull(function);
        int n = function.Dimension;
        if (initial.Length != n)
        {
            throw new ArgumentException($"The initial point has length {initial.Length} but the function takes {n} variables.", nameof(initial));
        }

        bounds ??= BoxBounds.Unbounded(n);
        bounds.CheckDimension(n);
        var x = initial.ToArray();
        bounds.Project(x);
        return x;
    }
}
