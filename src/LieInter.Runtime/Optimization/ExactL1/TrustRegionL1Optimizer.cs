using System.Diagnostics;
using LieInter.Solvers;

namespace LieInter.Optimization;

/// <summary>
/// Exact-L1 intervention design: minimises an <see cref="InterventionObjective"/> built from smooth terms (linear
/// state terms, quadratic terms, ...) and weighted L1 terms (<see cref="IAbsoluteDeviationTerm"/>, for example
/// eq. (5)'s ||e ∘ (x*(u) - x*(0))||_1) over a box, with no smoothing. A trust-region method of sequential linear
/// programming (Fletcher's SL1QP without the quadratic part): at the iterate u it linearises the equilibrium,
/// x*(u + d) ~ x*(u) + S d with the exact sensitivity matrix S = dx*/du from one factorisation of I - Jx, keeps every
/// |.| exact, and solves the resulting linear program in d within the box and ||d||_inf &lt;= radius (GLOP). The step is
/// accepted or the radius shrunk by the ratio of the actual to the predicted decrease of the exact objective.
/// </summary>
/// <remarks>
/// Cost per step: one equilibrium solve at the trial point; each accepted step adds one factorisation and one JVP
/// per coordinate for S. Where the optimum is a vertex of the nonsmooth structure (as many active kinks and bounds as
/// coordinates, which is what eq. (5) has) the steps are Newton steps on the active pieces and convergence is
/// quadratic. Smooth curvature is not modelled, so on smooth interior optima convergence is linear.
/// The optimality measure chi(u) = m(0) - min { m(d) : d in box - u, ||d||_inf &lt;= 1 } (m the linearised model)
/// is zero exactly at first-order stationary points; the run stops when it is at most
/// <see cref="TrustRegionL1Options.OptimalityTolerance"/> times max(1, |L(u)|), and reports it.
/// </remarks>
public sealed class TrustRegionL1Optimizer
{
    public TrustRegionL1Optimizer(TrustRegionL1Options? options = null)
    {
        Options = options ?? new TrustRegionL1Options();
        Options.Validate();
    }

    public TrustRegionL1Options Options { get; }

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="initial"/> (projected into the box).
    /// The objective's layer must implement <see cref="ISensitivityLayer"/>. <paramref name="stateBounds"/>, when
    /// given, bounds the equilibrium itself (for example nonnegative outputs): each step keeps the linearised states
    /// within them, and a trial whose equilibrium leaves them further than the current one is rejected.</summary>
    public OptimizationResult Minimize(InterventionObjective objective, ReadOnlySpan<double> initial, BoxBounds? bounds = null, BoxBounds? stateBounds = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var run = new Run(objective, bounds ?? BoxBounds.Unbounded(objective.Dimension), stateBounds, Options);
        return run.Minimize(initial);
    }

    /// <summary>The state of one run: the linearised model at the current iterate and its LP.</summary>
    private sealed class Run
    {
        private readonly InterventionObjective _objective;
        private readonly ISensitivityLayer _layer;
        private readonly BoxBounds _bounds;
        private readonly TrustRegionL1Options _options;
        private readonly List<(IObjectiveTerm Term, double Weight)> _smooth = [];
        private readonly List<(IAbsoluteDeviationTerm Term, double Weight)> _absolute = [];
        private readonly int _n;
        private readonly int _m;
        private readonly int _pieces;
        private readonly double[] _sensitivity;
        private readonly double[] _gradient;
        private readonly double[] _offsets;
        private readonly double[] _pieceWeights;
        private readonly double[] _rows;
        private readonly BoxBounds? _stateBounds;
        private readonly int[] _constrained;
        private readonly double[] _stateRows;
        private readonly double[] _stateLower;
        private readonly double[] _stateUpper;

        public Run(InterventionObjective objective, BoxBounds bounds, BoxBounds? stateBounds, TrustRegionL1Options options)
        {
            _objective = objective;
            _layer = objective.Layer as ISensitivityLayer
                ?? throw new ArgumentException($"Exact-L1 design needs the sensitivities dx*/du of the equilibrium; the layer {objective.Layer.GetType().Name} does not provide them (use an EquilibriumLayer).", nameof(objective));
            if (bounds.Dimension != objective.Dimension)
            {
                throw new ArgumentException($"The bounds have {bounds.Dimension} entries, the objective takes {objective.Dimension}.", nameof(bounds));
            }

            _bounds = bounds;
            _options = options;
            _n = _layer.StateDimension;
            _m = objective.Dimension;
            foreach (var term in objective.Terms)
            {
                double weight = objective.GetWeight(term);
                if (term is IAbsoluteDeviationTerm absolute)
                {
                    if (weight < 0)
                    {
                        throw new ArgumentException($"Term '{term.Name}' is an L1 term with negative weight {weight}; exact-L1 design needs nonnegative weights on L1 terms (the problem is otherwise unbounded below or nonconvex in each piece).", nameof(objective));
                    }

                    _absolute.Add((absolute, weight));
                    foreach (double w in absolute.Weights)
                    {
                        _pieces += w != 0 ? 1 : 0;
                    }
                }
                else if (term.SmoothingErrorBound == 0)
                {
                    _smooth.Add((term, weight));
                }
                else
                {
                    throw new ArgumentException($"Term '{term.Name}' is smoothed but not an L1 term this optimiser can model exactly; use L1DeviationTerm (on the state or the control), or an exact smooth term.", nameof(objective));
                }
            }

            _sensitivity = new double[_n * _m];
            _gradient = new double[_m];
            _offsets = new double[_pieces];
            _pieceWeights = new double[_pieces];
            _rows = new double[_pieces * _m];
            if (stateBounds is not null && stateBounds.Dimension != _n)
            {
                throw new ArgumentException($"The state bounds have {stateBounds.Dimension} entries, the equilibrium has {_n}.", nameof(stateBounds));
            }

            _stateBounds = stateBounds;
            _constrained = stateBounds is null
                ? []
                : Enumerable.Range(0, _n).Where(i => double.IsFinite(stateBounds.Lower[i]) || double.IsFinite(stateBounds.Upper[i])).ToArray();
            _stateRows = new double[_constrained.Length * _m];
            _stateLower = new double[_constrained.Length];
            _stateUpper = new double[_constrained.Length];
        }

        /// <summary>How far x lies outside the state bounds (sum over states, 0 inside).</summary>
        private double Violation(ReadOnlySpan<double> x)
        {
            double v = 0;
            foreach (int i in _constrained)
            {
                v += Math.Max(_stateBounds!.Lower[i] - x[i], 0) + Math.Max(x[i] - _stateBounds.Upper[i], 0);
            }

            return v;
        }

        public OptimizationResult Minimize(ReadOnlySpan<double> initial)
        {
            if (initial.Length != _m)
            {
                throw new ArgumentException($"The initial intervention has length {initial.Length}, the objective takes {_m}.", nameof(initial));
            }

            var clock = Stopwatch.StartNew();
            int solvesBefore = _objective.EquilibriumSolves;
            int factorizationsBefore = _layer.Factorizations;
            var u = initial.ToArray();
            _bounds.Project(u);
            var history = new List<double>();
            if (!_objective.TryBreakdown(u, out var current) || !double.IsFinite(current.Objective))
            {
                return Result(u, double.PositiveInfinity, OptimizationExitReason.NonFiniteObjective, 0, double.NaN, history, clock, solvesBefore, factorizationsBefore);
            }

            history.Add(current.Objective);
            using var lp = new L1StepProgram(_m, _pieces, _constrained.Length);
            var lower = new double[_m];
            var upper = new double[_m];
            var step = new double[_m];
            var trial = new double[_m];
            double radius = _options.InitialRadius;
            bool modelValid = false;
            int iterations = 0;
            OptimizationExitReason reason;
            while (true)
            {
                if (!modelValid)
                {
                    if (!BuildModel(current.State, u, lp))
                    {
                        reason = OptimizationExitReason.SubproblemFailure;
                        break;
                    }

                    modelValid = true;
                }

                StepBounds(u, radius, lower, upper);
                if (!lp.TrySolve(lower, upper, step, out _))
                {
                    reason = OptimizationExitReason.SubproblemFailure;
                    break;
                }

                double predicted = PredictedDecrease(step);
                double scale = Math.Max(1, Math.Abs(current.Objective));

                // chi(u) <= predicted / min(radius, 1): the model decrease is concave in the radius (see remarks).
                if (Math.Max(predicted, 0) / Math.Min(radius, 1) <= _options.OptimalityTolerance * scale)
                {
                    reason = OptimizationExitReason.Stationary;
                    break;
                }

                if (iterations >= _options.MaxIterations)
                {
                    reason = OptimizationExitReason.IterationLimit;
                    break;
                }

                if (_objective.EquilibriumSolves - solvesBefore >= _options.MaxEvaluations)
                {
                    reason = OptimizationExitReason.EvaluationLimit;
                    break;
                }

                iterations++;
                double stepLength = 0;
                for (int j = 0; j < _m; j++)
                {
                    trial[j] = u[j] + step[j];
                    stepLength = Math.Max(stepLength, Math.Abs(step[j]));
                }

                _bounds.Project(trial);
                bool solved = _objective.TryBreakdown(trial, out var candidate) && double.IsFinite(candidate.Objective)
                    && (_constrained.Length == 0 || Violation(candidate.State) <= Violation(current.State) + (1e-12 * Vec.Norm(candidate.State)));
                double ratio = solved ? (current.Objective - candidate.Objective) / predicted : double.NegativeInfinity;
                if (ratio >= _options.AcceptanceRatio)
                {
                    trial.CopyTo(u, 0);
                    current = candidate;
                    history.Add(current.Objective);
                    modelValid = false;
                    if (ratio >= _options.ExpansionRatio && stepLength >= 0.9 * radius)
                    {
                        radius = Math.Min(2 * radius, _options.MaxRadius);
                    }
                }
                else
                {
                    radius = _options.ShrinkFactor * stepLength;
                    if (radius < _options.MinRadius)
                    {
                        reason = OptimizationExitReason.TrustRegionCollapsed;
                        break;
                    }
                }
            }

            // Report chi(u) itself (radius 1), from the model at the returned point when there is one.
            double measure = double.NaN;
            if (modelValid)
            {
                StepBounds(u, 1.0, lower, upper);
                if (lp.TrySolve(lower, upper, step, out _))
                {
                    measure = Math.Max(PredictedDecrease(step), 0);
                }
            }

            return Result(u, current.Objective, reason, iterations, measure, history, clock, solvesBefore, factorizationsBefore);
        }

        /// <summary>Linearises the objective at (x, u): the sensitivities S, the smooth gradient S^T gx + gu, and
        /// each L1 piece a_k + b_k^T d.</summary>
        private bool BuildModel(ReadOnlySpan<double> x, ReadOnlySpan<double> u, L1StepProgram lp)
        {
            if (!_layer.TrySensitivities(_sensitivity, out _))
            {
                return false;
            }

            var gx = new double[_n];
            Array.Clear(_gradient);
            foreach (var (term, weight) in _smooth)
            {
                term.Evaluate(x, u, weight, gx, _gradient);
            }

            for (int i = 0; i < _n; i++)
            {
                if (gx[i] != 0)
                {
                    Vec.Axpy(gx[i], _sensitivity.AsSpan(i * _m, _m), _gradient);
                }
            }

            int k = 0;
            Array.Clear(_rows);
            foreach (var (term, weight) in _absolute)
            {
                var w = term.Weights;
                var r = term.Reference;
                bool state = term.Space == TermSpace.State;
                for (int i = 0; i < w.Length; i++)
                {
                    if (w[i] == 0)
                    {
                        continue;
                    }

                    _offsets[k] = w[i] * ((state ? x[i] : u[i]) - r[i]);
                    _pieceWeights[k] = weight;
                    var row = _rows.AsSpan(k * _m, _m);
                    if (state)
                    {
                        Vec.Axpy(w[i], _sensitivity.AsSpan(i * _m, _m), row);
                    }
                    else
                    {
                        row[i] = w[i];
                    }

                    k++;
                }
            }

            if (!Vec.AllFinite(_gradient) || !Vec.AllFinite(_offsets) || !Vec.AllFinite(_rows))
            {
                return false;
            }

            lp.SetModel(_gradient, _offsets, _pieceWeights, _rows);
            if (_constrained.Length > 0)
            {
                // lo - x <= S_i d <= hi - x, relaxed to keep d = 0 feasible where x already lies outside.
                for (int r = 0; r < _constrained.Length; r++)
                {
                    int i = _constrained[r];
                    _sensitivity.AsSpan(i * _m, _m).CopyTo(_stateRows.AsSpan(r * _m, _m));
                    _stateLower[r] = Math.Min(_stateBounds!.Lower[i] - x[i], 0);
                    _stateUpper[r] = Math.Max(_stateBounds.Upper[i] - x[i], 0);
                }

                lp.SetStateConstraints(_stateRows, _stateLower, _stateUpper);
            }

            return true;
        }

        /// <summary>m(0) - m(d) of the linearised model, computed here rather than read from the LP, so that it is
        /// exact for the clipped step.</summary>
        private double PredictedDecrease(ReadOnlySpan<double> d)
        {
            double decrease = -Vec.Dot(_gradient, d);
            for (int k = 0; k < _pieces; k++)
            {
                double a = _offsets[k];
                decrease += _pieceWeights[k] * (Math.Abs(a) - Math.Abs(a + Vec.Dot(_rows.AsSpan(k * _m, _m), d)));
            }

            return decrease;
        }

        private void StepBounds(ReadOnlySpan<double> u, double radius, Span<double> lower, Span<double> upper)
        {
            for (int j = 0; j < _m; j++)
            {
                lower[j] = Math.Max(_bounds.Lower[j] - u[j], -radius);
                upper[j] = Math.Min(_bounds.Upper[j] - u[j], radius);
            }
        }

        private OptimizationResult Result(double[] u, double objective, OptimizationExitReason reason, int iterations, double measure, List<double> history, Stopwatch clock, int solvesBefore, int factorizationsBefore) => new()
        {
            Solution = u,
            Objective = objective,
            SurrogateObjective = objective,
            Converged = reason == OptimizationExitReason.Stationary,
            ExitReason = reason,
            Iterations = iterations,
            Evaluations = _objective.EquilibriumSolves - solvesBefore,
            ObjectiveHistory = history,
            ProjectedGradientNorm = double.NaN,
            OptimalityMeasure = measure,
            Factorizations = _layer.Factorizations - factorizationsBefore,
            Elapsed = clock.Elapsed,
        };
    }
}
