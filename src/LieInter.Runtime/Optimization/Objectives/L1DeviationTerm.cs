namespace LieInter.Optimization;

/// <summary>
/// The weighted L1 distance sum_i |e_i (v_i - r_i)| of the state (v = x) or of the intervention coordinates (v = u)
/// to a reference. On the state, with r the unintervened equilibrium x* and e an employment-intensity row, it is
/// || e(u) - e* ||_1, the second term of eq. (5); on the control it favours sparse interventions (few sectors changed).
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
public sealed class L1DeviationTerm : WeightedDeviationTerm, ISmoothedTerm, IAbsoluteDeviationTerm
{
    private readonly int _activeEntries;
    private double _width;

    /// <param name="name">The term's name in reports.</param>
    /// <param name="weights">e, one per entry of v.</param>
    /// <param name="reference">r, one per entry of v.</param>
    /// <param name="smoothingWidth">w; 0 is the exact term.</param>
    /// <param name="smoothing">How each |z| is smoothed.</param>
    /// <param name="space">Whether v is the state (default) or the control.</param>
    public L1DeviationTerm(string name, double[] weights, double[] reference, double smoothingWidth = 0, L1Smoothing smoothing = L1Smoothing.PseudoHuber, TermSpace space = TermSpace.State)
        : base(name, weights, reference, space)
    {
        _activeEntries = WeightValues.Count(w => w != 0);
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

    public override double SmoothingErrorBound => _activeEntries * SmoothAbsolute.ErrorPerTerm(_width, Smoothing);

    public override double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        var v = Read(x, u);
        var gradient = GradientOf(stateGradient, controlGradient);
        double value = 0;
        for (int i = 0; i < WeightValues.Length; i++)
        {
            double e = WeightValues[i];
            if (e == 0)
            {
                continue;
            }

            value += SmoothAbsolute.Value(e * (v[i] - ReferenceValues[i]), _width, Smoothing, out double dz);
            gradient[i] += weight * dz * e;
        }

        return value;
    }

    public override double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        var v = Read(x, u);
        double value = 0;
        for (int i = 0; i < WeightValues.Length; i++)
        {
            value += Math.Abs(WeightValues[i] * (v[i] - ReferenceValues[i]));
        }

        return value;
    }
}
