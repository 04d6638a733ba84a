namespace LieInter.Optimization;

/// <summary>
/// The weighted L1 distance sum_i |e_i (x_i - x*_i)| of the state to a reference (usually the unintervened
/// equilibrium x*): with e = an employment-intensity row it is || e(u) - e* ||_1, the second term of eq. (5).
/// </summary>
/// <remarks>
/// The term minimised is smoothed per entry on the weighted difference z_i = e_i (x_i - x*_i), in objective units:
/// pseudo-Huber sqrt(z^2 + w^2) - w or Huber (see <see cref="L1Smoothing"/>). Every smoothed entry lies below the
/// exact one by at most w (pseudo-Huber) or w/2 (Huber), so the whole term is within
/// <see cref="SmoothingErrorBound"/> = (number of nonzero weights) times that, below the exact value. Entries with
/// zero weight contribute nothing and are not counted. <see cref="ExactValue"/> is the unsmoothed sum, which is what
/// reports show. Width 0 evaluates the exact term with the subgradient sign(z) (what autograd of |z| gives, used to
/// reproduce the paper's Adam runs).
/// </remarks>
public sealed class L1DeviationTerm : ISmoothedTerm, IAbsoluteDeviationTerm
{
    private readonly double[] _weights;
    private readonly double[] _reference;
    private readonly int _activeEntries;
    private double _width;

    public L1DeviationTerm(string name, double[] weights, double[] reference, double smoothingWidth = 0, L1Smoothing smoothing = L1Smoothing.PseudoHuber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _weights = TermChecks.Finite(name, nameof(weights), weights);
        _reference = TermChecks.Finite(name, nameof(reference), reference);
        if (_weights.Length != _reference.Length)
        {
            throw new ArgumentException($"Objective term '{name}': {_weights.Length} weights but {_reference.Length} reference values.");
        }

        _activeEntries = _weights.Count(w => w != 0);
        Smoothing = smoothing;
        SmoothingWidth = smoothingWidth;
    }

    /// <summary>|| r ∘ (x - x*) ||_1 for the row r named <paramref name="rowName"/> (e.g. "Employment") of a
    /// stressor matrix: the L1 change of that stressor's distribution over sectors.</summary>
    public static L1DeviationTerm StressorDeviation(NamedRowMatrix stressors, string rowName, double[] reference, double smoothingWidth = 0, L1Smoothing smoothing = L1Smoothing.PseudoHuber)
    {
        ArgumentNullException.ThrowIfNull(stressors);
        return new L1DeviationTerm(rowName + " deviation", stressors.Row(rowName), reference, smoothingWidth, smoothing);
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

    public TermSpace Space => TermSpace.State;

    public ReadOnlySpan<double> Weights => _weights;

    public ReadOnlySpan<double> Reference => _reference;

    public void Validate(int stateDimension, int controlDimension) =>
        TermChecks.Length(Name, "the weight vector", _weights.Length, stateDimension);

    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            double e = _weights[i];
            if (e == 0)
            {
                continue;
            }

            value += SmoothAbsolute.Value(e * (x[i] - _reference[i]), _width, Smoothing, out double dz);
            stateGradient[i] += weight * dz * e;
        }

        return value;
    }

    public double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        double value = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            value += Math.Abs(_weights[i] * (x[i] - _reference[i]));
        }

        return value;
    }
}
