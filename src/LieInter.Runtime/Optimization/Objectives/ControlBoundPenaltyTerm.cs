namespace LieInter.Optimization;

/// <summary>
/// Soft bounds on the intervention: (1/2) sum_i (max(0, u_i - upper_i)^2 + max(0, lower_i - u_i)^2), zero inside
/// the box and continuously differentiable. Use it (with a large weight) when hard bounds through
/// <see cref="BoxBounds"/> are not wanted, e.g. with an optimiser that ignores bounds.
/// </summary>
public sealed class ControlBoundPenaltyTerm : IObjectiveTerm
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    public ControlBoundPenaltyTerm(string name, double[] lower, double[] upper)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        Name = name;
        var box = new BoxBounds(lower, upper); // validates lengths and order
        _lower = box.Lower.ToArray();
        _upper = box.Upper.ToArray();
    }

    public string Name { get; }

    public double SmoothingErrorBound => 0;

    public void Validate(int stateDimension, int controlDimension) =>
        TermChecks.Length(Name, "the control bound vector", _lower.Length, controlDimension);

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        double value = 0;
        for (int i = 0; i < _lower.Length; i++)
        {
            double excess = Excess(u[i], i);
            value += 0.5 * excess * excess;
            controlGradient[i] += weight * excess;
        }

        return value;
    }

    public double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        double value = 0;
        for (int i = 0; i < _lower.Length; i++)
        {
            double excess = Excess(u[i], i);
            value += 0.5 * excess * excess;
        }

        return value;
    }

    // Signed distance outside the box: positive above the upper bound, negative below the lower one.
    private double Excess(double ui, int i) => ui > _upper[i] ? ui - _upper[i] : ui < _lower[i] ? ui - _lower[i] : 0.0;
}
