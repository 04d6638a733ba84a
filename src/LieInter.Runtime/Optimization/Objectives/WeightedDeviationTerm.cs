namespace LieInter.Optimization;

/// <summary>
/// What the weighted deviation terms share: sum_i phi(w_i, v_i - r_i) over the state (v = x) or the intervention
/// coordinates (v = u), with finite weights and reference of one length, checked against the vector the term reads.
/// </summary>
public abstract class WeightedDeviationTerm : IObjectiveTerm
{
    /// <param name="name">The term's name in reports.</param>
    /// <param name="weights">w, one per entry of v.</param>
    /// <param name="reference">r, one per entry of v.</param>
    /// <param name="space">Whether v is the state or the control.</param>
    protected WeightedDeviationTerm(string name, double[] weights, double[] reference, TermSpace space)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Space = space;
        WeightValues = TermChecks.Finite(name, nameof(weights), weights);
        ReferenceValues = TermChecks.Finite(name, nameof(reference), reference);
        if (WeightValues.Length != ReferenceValues.Length)
        {
            throw new ArgumentException($"Objective term '{name}': {WeightValues.Length} weights but {ReferenceValues.Length} reference values.");
        }
    }

    public string Name { get; }

    /// <summary>Whether the term reads the state or the control.</summary>
    public TermSpace Space { get; }

    /// <summary>The weights w.</summary>
    public ReadOnlySpan<double> Weights => WeightValues;

    /// <summary>The reference r.</summary>
    public ReadOnlySpan<double> Reference => ReferenceValues;

    public abstract double SmoothingErrorBound { get; }

    private protected double[] WeightValues { get; }

    private protected double[] ReferenceValues { get; }

    public void Validate(int stateDimension, int controlDimension) =>
        TermChecks.Length(Name, Space, WeightValues.Length, stateDimension, controlDimension);

    public abstract double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient);

    public abstract double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u);

    /// <summary>The vector the term reads.</summary>
    private protected ReadOnlySpan<double> Read(ReadOnlySpan<double> x, ReadOnlySpan<double> u) => Space == TermSpace.State ? x : u;

    /// <summary>The gradient buffer of that vector.</summary>
    private protected Span<double> GradientOf(Span<double> stateGradient, Span<double> controlGradient) => Space == TermSpace.State ? stateGradient : controlGradient;
}
