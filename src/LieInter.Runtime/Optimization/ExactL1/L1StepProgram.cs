using Google.OrTools.LinearSolver;

namespace LieInter.Optimization;

/// <summary>
/// The step subproblem of exact-L1 design as a linear program, solved by GLOP (OR-Tools' primal-dual simplex):
/// minimise g^T d + sum_k omega_k t_k subject to t_k &gt;= |a_k + b_k^T d| (two rows per piece) and
/// lower &lt;= d &lt;= upper (the box intersected with the trust region), and optionally linearised bounds on some
/// states, lo_i &lt;= x_i + S_i d &lt;= hi_i. The model is built once per optimiser
/// run and its coefficients are overwritten at every iterate, so GLOP warm-starts from the previous basis.
/// </summary>
internal sealed class L1StepProgram : IDisposable
{
    private readonly Solver _lp;
    private readonly Variable[] _d;
    private readonly Variable[] _t;
    private readonly Constraint[] _above; // t_k - b_k^T d >= a_k
    private readonly Constraint[] _below; // t_k + b_k^T d >= -a_k
    private readonly Constraint[] _state;
    private double[] _offsets = [];
    private double[] _stateLower = [];
    private double[] _stateUpper = [];
    private double _scale = double.NaN;

    /// <param name="dimension">Number of step coordinates.</param>
    /// <param name="pieces">Number of L1 pieces.</param>
    /// <param name="stateRows">Number of linearised state constraints lo_i - x_i &lt;= S_i d &lt;= hi_i - x_i.</param>
    public L1StepProgram(int dimension, int pieces, int stateRows = 0)
    {
        _lp = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools' GLOP linear solver is not available in this process.");
        _d = new Variable[dimension];
        _t = new Variable[pieces];
        _above = new Constraint[pieces];
        _below = new Constraint[pieces];
        for (int j = 0; j < dimension; j++)
        {
            _d[j] = _lp.MakeNumVar(0, 0, $"d{j}");
        }

        for (int k = 0; k < pieces; k++)
        {
            _t[k] = _lp.MakeNumVar(0, double.PositiveInfinity, $"t{k}");
            _above[k] = _lp.MakeConstraint(0, double.PositiveInfinity, $"above{k}");
            _below[k] = _lp.MakeConstraint(0, double.PositiveInfinity, $"below{k}");
            _above[k].SetCoefficient(_t[k], 1);
            _below[k].SetCoefficient(_t[k], 1);
        }

        _state = new Constraint[stateRows];
        for (int r = 0; r < stateRows; r++)
        {
            _state[r] = _lp.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity, $"state{r}");
        }

        _lp.Objective().SetMinimization();
    }

    /// <summary>Sets the linearised state constraints: row r of <paramref name="rows"/> (S_i for the constrained
    /// state i) must keep S_i d within [<paramref name="lower"/>[r], <paramref name="upper"/>[r]].</summary>
    public void SetStateConstraints(ReadOnlySpan<double> rows, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        int n = _d.Length;
        _stateLower = lower.ToArray();
        _stateUpper = upper.ToArray();
        for (int r = 0; r < _state.Length; r++)
        {
            var row = rows.Slice(r * n, n);
            for (int j = 0; j < n; j++)
            {
                _state[r].SetCoefficient(_d[j], row[j]);
            }
        }

        _scale = double.NaN;
    }

    /// <summary>Sets the model: gradient g of the smooth part, and for each piece its offset a_k, weight omega_k
    /// and row b_k (row k of <paramref name="rows"/>, row-major pieces x dimension).</summary>
    public void SetModel(ReadOnlySpan<double> gradient, ReadOnlySpan<double> offsets, ReadOnlySpan<double> weights, ReadOnlySpan<double> rows)
    {
        int n = _d.Length;
        _offsets = offsets.ToArray();
        var objective = _lp.Objective();
        for (int j = 0; j < n; j++)
        {
            objective.SetCoefficient(_d[j], gradient[j]);
        }

        for (int k = 0; k < _t.Length; k++)
        {
            objective.SetCoefficient(_t[k], weights[k]);
            var row = rows.Slice(k * n, n);
            for (int j = 0; j < n; j++)
            {
                _above[k].SetCoefficient(_d[j], -row[j]);
                _below[k].SetCoefficient(_d[j], row[j]);
            }
        }

        _scale = double.NaN;
    }

    /// <summary>Solves with the step bounds; writes the step into <paramref name="step"/>, clipped into the bounds
    /// (the simplex meets them only to its feasibility tolerance). False when GLOP did not prove optimality.</summary>
    /// <remarks>The program is posed in (d, t) / s, with s the largest step bound, so that its variables, offsets and
    /// objective are of order one whatever the radius: GLOP's tolerances are absolute (about 1e-9), and a trust
    /// region of 1e-8 in d would otherwise round every step to zero and end the run as stationary where it is not.
    /// The scaled program has the same coefficients; only the offsets a_k / s and the bounds change.</remarks>
    public bool TrySolve(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Span<double> step, out string status)
    {
        double scale = 0;
        for (int j = 0; j < _d.Length; j++)
        {
            scale = Math.Max(scale, Math.Max(Math.Abs(lower[j]), Math.Abs(upper[j])));
        }

        if (!(scale > 0))
        {
            step.Clear();
            status = "EMPTY_STEP_BOX";
            return true;
        }

        if (scale != _scale)
        {
            for (int k = 0; k < _t.Length; k++)
            {
                _above[k].SetLb(_offsets[k] / scale);
                _below[k].SetLb(-_offsets[k] / scale);
            }

            for (int r = 0; r < _state.Length; r++)
            {
                _state[r].SetBounds(_stateLower[r] / scale, _stateUpper[r] / scale);
            }

            _scale = scale;
        }

        for (int j = 0; j < _d.Length; j++)
        {
            _d[j].SetBounds(lower[j] / scale, upper[j] / scale);
        }

        var result = _lp.Solve();
        status = result.ToString();
        if (result != Solver.ResultStatus.OPTIMAL)
        {
            return false;
        }

        for (int j = 0; j < _d.Length; j++)
        {
            step[j] = Math.Clamp(_d[j].SolutionValue() * scale, lower[j], upper[j]);
        }

        return true;
    }

    public void Dispose() => _lp.Dispose();
}
