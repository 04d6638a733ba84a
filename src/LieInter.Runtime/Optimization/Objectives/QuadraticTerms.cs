namespace LieInter.Optimization;

/// <summary>The quadratic penalty (1/2) sum_i q_i (x_i - r_i)^2 on the state's distance to a reference.</summary>
public sealed class QuadraticDeviationTerm : IObjectiveTerm
{
    private readonly double[] _weights;
    private readonly double[] _reference;

    public QuadraticDeviationTerm(string name, double[] weights, double[] reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _weights = TermChecks.Finite(name, nameof(weights), weights);
        _reference = TermChecks.Finite(name, nameof(reference), reference);
        if (_weights.Length != _reference.Length)
        {
            throw new ArgumentException($"Objective term '{name}': {_weights.Length} weights but {_reference.Length} reference values.");
        }
    }

    public string Name { get; }

    public double SmoothingErrorBound => 0;

    public void Validate(int stateDimension, int controlDimension) =>
        TermChecks.Length(Name, "the weight vector", _weights.Length, stateDimension);

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            double z = x[i] - _reference[i];
            value += 0.5 * _weights[i] * z * z;
            stateGradient[i] += weight * _weights[i] * z;
        }

        return value;
    }

    public double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            double z = x[i] - _reference[i];
            value += 0.5 * _weights[i] * z * z;
        }

        return value;
    }
}

/// <summary>The quadratic penalty (1/2) sum_i rho_i (u_i - c_i)^2 on the intervention itself (a ridge on u keeps
/// alpha = e^u near 1 when c = 0).</summary>
public sealed class ControlQuadraticTerm : IObjectiveTerm
{
    private readonly double[] _weights;
    private readonly double[] _center;

    public ControlQuadraticTerm(string name, double[] weights, double[]? center = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _weights = TermChecks.Finite(name, nameof(weights), weights);
        _center = center is null ? new double[_weights.Length] : TermChecks.Finite(name, nameof(center), center);
        if (_weights.Length != _center.Length)
        {
            throw new ArgumentException($"Objective term '{name}': {_weights.Length} weights but {_center.Length} centre values.");
        }
    }

    /// <summary>The same weight <paramref name="rho"/> on each of <paramref name="dimension"/> coordinates, centred at 0.</summary>
    public static ControlQuadraticTerm Ridge(string name, int dimension, double rho)
    {
        var w = new double[dimension];
        Array.Fill(w, rho);
        return new ControlQuadraticTerm(name, w);
    }

    public string Name { get; }

    public double SmoothingErrorBound => 0;

    public void Validate(int stateDimension, int controlDimension) =>
        TermChecks.Length(Name, "the control weight vector", _weights.Length, controlDimension);

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            double z = u[i] - _center[i];
            value += 0.5 * _weights[i] * z * z;
            controlGradient[i] += weight * _weights[i] * z;
        }

        return value;
    }

    public double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            double z = u[i] - _center[i];
            value += 0.5 * _weights[i] * z * z;
        }

        return value;
    }
}

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

/// <summary>A (smoothed) L1 penalty sum_i rho_i |u_i - c_i| on the intervention, which favours sparse interventions
/// (few sectors changed). Smoothing as in <see cref="L1DeviationTerm"/>, applied to rho_i (u_i - c_i).</summary>
public sealed class ControlL1Term : ISmoothedTerm, IAbsoluteDeviationTerm
{
    private readonly double[] _weights;
    private readonly double[] _center;
    private readonly int _activeEntries;
    private double _width;

    public ControlL1Term(string name, double[] weights, double[]? center = null, double smoothingWidth = 0, L1Smoothing smoothing = L1Smoothing.PseudoHuber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _weights = TermChecks.Finite(name, nameof(weights), weights);
        _center = center is null ? new double[_weights.Length] : TermChecks.Finite(name, nameof(center), center);
        if (_weights.Length != _center.Length)
        {
            throw new ArgumentException($"Objective term '{name}': {_weights.Length} weights but {_center.Length} centre values.");
        }

        _activeEntries = _weights.Count(w => w != 0);
        Smoothing = smoothing;
        SmoothingWidth = smoothingWidth;
    }

    public string Name { get; }

    public L1Smoothing Smoothing { get; }

    public double SmoothingWidth
    {
        get => _width;
        set
        {
            SmoothAbsolute.CheckWidth(Name, value);
            _width = value;
        }
    }

    public double SmoothingErrorBound => _activeEntries * SmoothAbsolute.ErrorPerTerm(_width, Smoothing);

    public TermSpace Space => TermSpace.Control;

    public ReadOnlySpan<double> Weights => _weights;

    public ReadOnlySpan<double> Reference => _center;

    public void Validate(int stateDimension, int controlDimension) =>
        TermChecks.Length(Name, "the control weight vector", _weights.Length, controlDimension);

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            double r = _weights[i];
            if (r == 0)
            {
                continue;
            }

            value += SmoothAbsolute.Value(r * (u[i] - _center[i]), _width, Smoothing, out double dz);
            controlGradient[i] += weight * dz * r;
        }

        return value;
    }

    public double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            value += Math.Abs(_weights[i] * (u[i] - _center[i]));
        }

        return value;
    }
}
