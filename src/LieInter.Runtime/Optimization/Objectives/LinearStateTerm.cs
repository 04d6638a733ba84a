namespace LieInter.Optimization;

/// <summary>c^T x, for example total emissions c = GHG intensity per unit of output (the first term of eq. (5) of
/// the paper). Build stressor totals R x by name with <see cref="StressorTotal(NamedRowMatrix, string)"/>.</summary>
public sealed class LinearStateTerm : IObjectiveTerm
{
    private readonly double[] _coefficients;

    public LinearStateTerm(string name, double[] coefficients)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _coefficients = TermChecks.Finite(name, nameof(coefficients), coefficients);
    }

    /// <summary>The stressor total s_k = sum_j R[k, j] x_j for the row named <paramref name="stressor"/>.</summary>
    public static LinearStateTerm StressorTotal(NamedRowMatrix stressors, string stressor)
    {
        ArgumentNullException.ThrowIfNull(stressors);
        return new LinearStateTerm(stressor, stressors.Row(stressor));
    }

    /// <summary>A weighted total of several stressor rows, e.g. GHG = CO2 + 28 CH4 + 265 N2O (explicit GWP factors).</summary>
    public static LinearStateTerm StressorTotal(string name, NamedRowMatrix stressors, IEnumerable<KeyValuePair<string, double>> rowWeights)
    {
        ArgumentNullException.ThrowIfNull(stressors);
        return new LinearStateTerm(name, stressors.WeightedRowSum(rowWeights));
    }

    public string Name { get; }

    public ReadOnlySpan<double> Coefficients => _coefficients;

    public double SmoothingErrorBound => 0;

    public void Validate(int stateDimension, int controlDimension) =>
        TermChecks.Length(Name, "the coefficient vector", _coefficients.Length, stateDimension);

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        double value = 0;
        for (int i = 0; i < _coefficients.Length; i++)
        {
            value += _coefficients[i] * x[i];
            stateGradient[i] += weight * _coefficients[i];
        }

        return value;
    }

    public double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        double value = 0;
        for (int i = 0; i < _coefficients.Length; i++)
        {
            value += _coefficients[i] * x[i];
        }

        return value;
    }
}
