namespace LieInter.Optimization;

/// <summary>
/// The quadratic penalty (1/2) sum_i q_i (v_i - r_i)^2 on the distance of the state (v = x) or of the intervention
/// coordinates (v = u) to a reference. On the control it is a ridge: with r = 0 it keeps alpha = e^u near 1.
/// </summary>
public sealed class QuadraticDeviationTerm : IObjectiveTerm
{
    private readonly double[] _weights;
    private readonly double[] _reference;

    /// <param name="name">The term's name in reports.</param>
    /// <param name="weights">q, one per entry of v.</param>
    /// <param name="reference">r, one per entry of v.</param>
    /// <param name="space">Whether v is the state (default) or the control.</param>
    public QuadraticDeviationTerm(string name, double[] weights, double[] reference, TermSpace space = TermSpace.State)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Space = space;
        _weights = TermChecks.Finite(name, nameof(weights), weights);
        _reference = TermChecks.Finite(name, nameof(reference), reference);
        if (_weights.Length != _reference.Length)
        {
            throw new ArgumentException($"Objective term '{name}': {_weights.Length} weights but {_reference.Length} reference values.");
        }
    }

    /// <summary>The same weight <paramref name="rho"/> on each of <paramref name="dimension"/> control coordinates,
    /// centred at 0.</summary>
    public static QuadraticDeviationTerm Ridge(string name, int dimension, double rho)
    {
        var w = new double[dimension];
        Array.Fill(w, rho);
        return new QuadraticDeviationTerm(name, w, new double[dimension], TermSpace.Control);
    }

    public string Name { get; }

    /// <summary>Whether the term reads the state or the control.</summary>
    public TermSpace Space { get; }

    public double SmoothingErrorBound => 0;

    public void Validate(int stateDimension, int controlDimension) =>
        TermChecks.Length(Name, Space, _weights.Length, stateDimension, controlDimension);

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        bool state = Space == TermSpace.State;
        var v = state ? x : u;
        var gradient = state ? stateGradient : controlGradient;
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            double z = v[i] - _reference[i];
            value += 0.5 * _weights[i] * z * z;
            gradient[i] += weight * _weights[i] * z;
        }

        return value;
    }

    public double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        var v = Space == TermSpace.State ? x : u;
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            double z = v[i] - _reference[i];
            value += 0.5 * _weights[i] * z * z;
        }

        return value;
    }
}
