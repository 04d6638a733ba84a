using Google.OrTools.LinearSolver;

namespace LieInter.Optimization;

/// <summary>
/// The step subproblem of exact-L1 design as a linear program, solved by GLOP (OR-Tools' primal-dual simplex):
/// minimise g^T d + sum_k omega_k t_k subject to t_k &gt;= |a_k + b_k^T d| (two rows per piece) and
/// lower &lt;= d &lt;= upper (the box intersected with the trust region). The model is built once per optimiser
/// run and its coefficients are overwritten at every iterate, so GLOP warm-starts from the previous basis.
/// </summary>
internal sealed class L1StepProgram : IDisposable
{
    private readonly Solver _lp;
    private readonly Variable[] _d;
    private readonly Variable[] _t;
    private readonly Constraint[] _above; // t_k - b_k^T d >= a_k
    private readonly Constraint[] _below; // t_k + b_k^T d >= -a_k

    public L1StepProgram(int dimension, int pieces)
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

        _lp.Objective().SetMinimization();
    }

    /// <summary>Sets the model: gradient g of the smooth part, and for each piece its offset a_k, weight omega_k
    /// and row b_k (row k of <paramref name="rows"/>, row-major pieces x dimension).</summary>
    public void SetModel(ReadOnlySpan<double> gradient, ReadOnlySpan<double> offsets, ReadOnlySpan<double> weights, ReadOnlySpan<double> rows)
    {
        int n = _d.Length;
        var objective = _lp.Objective();
        for (int j = 0; j < n; j++)
        {
            objective.SetCoefficient(_d[j], gradient[j]);
        }

        for (int k = 0; k < _t.Length; k++)
        {
            objective.SetCoefficient(_t[k], weights[k]);
            _above[k].SetLb(offsets[k]);
            _below[k].SetLb(-offsets[k]);
            var row = rows.Slice(k * n, n);
            for (int j = 0; j < n; j++)
            {
                _above[k].SetCoefficient(_d[j], -row[j]);
                _below[k].SetCoefficient(_d[j], row[j]);
            }
        }
    }

    /// <summary>Solves with the step bounds; writes the step into <paramref name="step"/>, clipped into the bounds
    /// (the simplex meets them only to its feasibility tolerance). False when GLOP did not prove optimality.</summary>
    public bool TrySolve(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Span<double> step, out string status)
    {
        for (int j = 0; j < _d.Length; j++)
        {
            _d[j].SetBounds(lower[j], upper[j]);
        }

        var result = _lp.Solve();
        status = result.ToString();
        if (result != Solver.ResultStatus.OPTIMAL)
        {
            return false;
        }

        for (int j = 0; j < _d.Length; j++)
        {
            step[j] = Math.Clamp(_d[j].SolutionValue(), lower[j], upper[j]);
        }

        return true;
    }

    public void Dispose() => _lp.Dispose();
}
