namespace LieInter.Optimization;

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
