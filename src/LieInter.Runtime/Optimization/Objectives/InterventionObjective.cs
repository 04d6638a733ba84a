namespace LieInter.Optimization;

/// <summary>
/// L(u) = sum_t weight_t * term_t(x*(u), u): a weighted sum of <see cref="IObjectiveTerm"/> pieces evaluated at
/// the equilibrium of an <see cref="IEquilibriumLayer"/>. Each <see cref="Evaluate"/> costs one equilibrium solve
/// and one adjoint solve: the state cotangent sum_t weight_t dterm_t/dx is pulled back through the layer, and the
/// direct u-gradients are added. Counters record the solves.
/// </summary>
/// <remarks>
/// The minimised value uses the smoothed form of smoothed terms; <see cref="LastExactValue"/> (what optimisers
/// report) uses the exact form. For every u, |exact - surrogate| &lt;= <see cref="SmoothingErrorBound"/>
/// = sum over smoothed terms of |weight| times the term's bound; with nonnegative weights the surrogate is below
/// the exact value. Not thread-safe (owns buffers, and the layer keeps warm starts).
/// </remarks>
public sealed class InterventionObjective : ISmoothableFunction
{
    private readonly List<IObjectiveTerm> _terms = [];
    private readonly List<double> _weights = [];
    private readonly double[] _state;
    private readonly double[] _stateGradient;
    private readonly double[] _layerGradient;
    private readonly double[] _lastU;
    private double[] _lastParts = [];
    private bool _haveLast;

    public InterventionObjective(IEquilibriumLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer.StateDimension <= 0 || layer.ControlDimension <= 0)
        {
            throw new ArgumentException($"The equilibrium layer must have positive state and control lengths (got {layer.StateDimension} and {layer.ControlDimension}).", nameof(layer));
        }

        Layer = layer;
        _state = new double[layer.StateDimension];
        _stateGradient = new double[layer.StateDimension];
        _layerGradient = new double[layer.ControlDimension];
        _lastU = new double[layer.ControlDimension];
    }

    public IEquilibriumLayer Layer { get; }

    public int Dimension => Layer.ControlDimension;

    public IReadOnlyList<IObjectiveTerm> Terms => _terms;

    /// <summary>Equilibrium solves requested (successful or not).</summary>
    public int EquilibriumSolves { get; private set; }

    /// <summary>Equilibrium solves that did not converge (the objective was +infinity there).</summary>
    public int FailedSolves { get; private set; }

    /// <summary>Adjoint (backward) solves.</summary>
    public int AdjointSolves { get; private set; }

    public double LastExactValue { get; private set; } = double.NaN;

    public double LastSurrogateValue { get; private set; } = double.NaN;

    /// <summary>The equilibrium at the last successfully evaluated point.</summary>
    public ReadOnlySpan<double> LastState => _state;

    /// <summary>Adds a term with a weight; term names must be unique. Returns this objective.</summary>
    public InterventionObjective Add(IObjectiveTerm term, double weight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(term);
        CheckWeight(term, weight);
        if (_terms.Any(t => t.Name == term.Name))
        {
            throw new ArgumentException($"The objective already has a term named '{term.Name}'.", nameof(term));
        }

        term.Validate(Layer.StateDimension, Layer.ControlDimension);
        _terms.Add(term);
        _weights.Add(weight);
        _haveLast = false;
        return this;
    }

    public double GetWeight(IObjectiveTerm term) => _weights[IndexOf(term)];

    /// <summary>Changes a term's weight (the lambda of a Pareto sweep), keeping the layer and its warm starts.</summary>
    public void SetWeight(IObjectiveTerm term, double weight)
    {
        CheckWeight(term, weight);
        _weights[IndexOf(term)] = weight;
        _haveLast = false;
    }

    public bool Contains(IObjectiveTerm term) => _terms.Contains(term);

    /// <summary>The common smoothing width of the smoothed terms (the largest if they differ; 0 if none). Setting
    /// it sets every smoothed term.</summary>
    public double SmoothingWidth
    {
        get
        {
            double w = 0;
            foreach (var term in _terms)
            {
                if (term is ISmoothedTerm smoothed)
                {
                    w = Math.Max(w, smoothed.SmoothingWidth);
                }
            }

            return w;
        }

        set
        {
            foreach (var term in _terms)
            {
                if (term is ISmoothedTerm smoothed)
                {
                    smoothed.SmoothingWidth = value;
                }
            }

            _haveLast = false;
        }
    }

    public double SmoothingErrorBound
    {
        get
        {
            double bound = 0;
            for (int t = 0; t < _terms.Count; t++)
            {
                bound += Math.Abs(_weights[t]) * _terms[t].SmoothingErrorBound;
            }

            return bound;
        }
    }

    public double Evaluate(ReadOnlySpan<double> u, Span<double> gradient)
    {
        CheckControl(u);
        if (gradient.Length != Dimension)
        {
            throw new ArgumentException($"The gradient buffer has length {gradient.Length}, expected {Dimension}.", nameof(gradient));
        }

        EquilibriumSolves++;
        if (!Layer.TrySolve(u, _state))
        {
            FailedSolves++;
            _haveLast = false;
            gradient.Fill(double.NaN);
            LastExactValue = LastSurrogateValue = double.PositiveInfinity;
            return double.PositiveInfinity;
        }

        Array.Clear(_stateGradient);
        gradient.Clear();
        if (_lastParts.Length != _terms.Count)
        {
            _lastParts = new double[_terms.Count];
        }

        double surrogate = 0;
        double exact = 0;
        for (int t = 0; t < _terms.Count; t++)
        {
            double w = _weights[t];
            var term = _terms[t];
            double value = term.Evaluate(_state, u, w, _stateGradient, gradient);
            surrogate += w * value;

            // A term with a zero error bound is exact as evaluated; only smoothed terms need their exact value.
            _lastParts[t] = term.SmoothingErrorBound == 0 ? value : term.ExactValue(_state, u);
            exact += w * _lastParts[t];
        }

        Layer.Backpropagate(_stateGradient, _layerGradient);
        AdjointSolves++;
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] += _layerGradient[i];
        }

        u.CopyTo(_lastU);
        _haveLast = true;
        LastExactValue = exact;
        LastSurrogateValue = surrogate;
        return surrogate;
    }

    /// <summary>The exact objective and its parts at u. Reuses the last evaluation when u is the last evaluated point
    /// (no solve); otherwise performs one equilibrium solve (counted, no adjoint). Throws when the solve fails.</summary>
    public ObjectiveBreakdown Breakdown(ReadOnlySpan<double> u) =>
        TryBreakdown(u, out var breakdown)
            ? breakdown
            : throw new InvalidOperationException("The equilibrium solve did not converge at the requested intervention, so its objective is undefined.");

    /// <summary><see cref="Breakdown"/> that returns false, without throwing, when the equilibrium solve at u fails.</summary>
    public bool TryBreakdown(ReadOnlySpan<double> u, out ObjectiveBreakdown breakdown)
    {
        CheckControl(u);
        if (!_haveLast || !u.SequenceEqual(_lastU))
        {
            EquilibriumSolves++;
            if (!Layer.TrySolve(u, _state))
            {
                FailedSolves++;
                _haveLast = false;
                breakdown = null!;
                return false;
            }

            if (_lastParts.Length != _terms.Count)
            {
                _lastParts = new double[_terms.Count];
            }

            double surrogate = 0;
            double exact = 0;
            var scratchX = new double[_state.Length];
            var scratchU = new double[u.Length];
            for (int t = 0; t < _terms.Count; t++)
            {
                surrogate += _weights[t] * _terms[t].Evaluate(_state, u, 0.0, scratchX, scratchU);
                _lastParts[t] = _terms[t].ExactValue(_state, u);
                exact += _weights[t] * _lastParts[t];
            }

            // The layer now holds the solve at u, not a gradient evaluation; keep the cache consistent with it.
            u.CopyTo(_lastU);
            _haveLast = true;
            LastExactValue = exact;
            LastSurrogateValue = surrogate;
        }

        var parts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int t = 0; t < _terms.Count; t++)
        {
            parts[_terms[t].Name] = _lastParts[t];
        }

        breakdown = new ObjectiveBreakdown(LastExactValue, LastSurrogateValue, parts, (double[])_state.Clone());
        return true;
    }

    private int IndexOf(IObjectiveTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        int index = _terms.IndexOf(term);
        if (index < 0)
        {
            throw new ArgumentException($"The term '{term.Name}' is not part of this objective.", nameof(term));
        }

        return index;
    }

    private static void CheckWeight(IObjectiveTerm term, double weight)
    {
        if (!double.IsFinite(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"The weight of term '{term.Name}' must be finite.");
        }
    }

    private void CheckControl(ReadOnlySpan<double> u)
    {
        if (u.Length != Dimension)
        {
            throw new ArgumentException($"The intervention coordinates have length {u.Length}, the layer expects {Dimension}.", nameof(u));
        }
    }
}
