using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Solvers;

namespace LieInter.Differentiation;

/// <summary>
/// A deep-equilibrium layer over an <see cref="EquilibriumSystem"/>: solves x* = f(x*; theta, u) and differentiates
/// through it by implicit differentiation (Sec. 2.3 of the paper):
/// <list type="bullet">
/// <item>reverse mode: (I - Jx)^T lambda = dL/dx, then dL/dtheta = lambda^T Jtheta and dL/du = lambda^T Ju, with the
/// generated vector-Jacobian products;</item>
/// <item>forward mode: (I - Jx) dx* = Jtheta dtheta + Ju du, with the generated Jacobian-vector products.</item>
/// </list>
/// The last equilibrium and the last adjoint are kept as warm starts, so repeated solve + gradient calls (an
/// optimiser's, a lambda path's) cost a few iterations each. Every solve, forward or backward, reports; a failed
/// one returns false or throws, never a silently wrong value.
/// </summary>
public sealed class DifferentiableEquilibrium
{
    private readonly EquilibriumSolver _solver;
    private readonly LinearEquilibriumSolve _linear = new();
    private double[] _x;
    private double[] _lambda;
    private double[] _tangent;
    private double[] _scratch;
    private DenseLu? _factorization;
    private bool _solved;
    private ulong _solvedAt; // fingerprint of theta and u at the last successful solve

    public DifferentiableEquilibrium(EquilibriumSystem system, EquilibriumSolverOptions? options = null)
    {
        System = system ?? throw new ArgumentNullException(nameof(system));
        // A layer solves in order to differentiate: an adjoint (or tangent) solve follows each solve.
        _solver = new EquilibriumSolver(options) { FollowingLinearSolves = 1 };
        _x = system.ReadState();
        _lambda = new double[system.Dimension];
        _tangent = new double[system.Dimension];
        _scratch = new double[system.Dimension];
    }

    public EquilibriumSystem System { get; }

    public EquilibriumSolverOptions Options => _solver.Options;

    /// <summary>The last equilibrium (or, before any solve, the warm start read from the node fields).</summary>
    public ReadOnlySpan<double> State => _x;

    /// <summary>The last adjoint lambda.</summary>
    public ReadOnlySpan<double> Adjoint => _lambda;

    public SolveReport? LastSolve { get; private set; }

    public SolveReport? LastAdjointSolve { get; private set; }

    public SolveReport? LastTangentSolve { get; private set; }

    /// <summary>Counts of forward and adjoint solves, for cost accounting.</summary>
    public int Solves { get; private set; }

    public int AdjointSolves { get; private set; }

    /// <summary>Sets the warm start of the next solve.</summary>
    public void SetState(ReadOnlySpan<double> x)
    {
        if (x.Length != _x.Length)
        {
            throw new ArgumentException($"State has {x.Length} entries, model '{System.Schema.ModelName}' {_x.Length}.", nameof(x));
        }

        x.CopyTo(_x);
        _solved = false;
    }

    /// <summary>Sets the warm start of the next adjoint solve (zeros for a cold one; by default the last adjoint).</summary>
    public void SetAdjoint(ReadOnlySpan<double> lambda)
    {
        if (lambda.Length != _lambda.Length)
        {
            throw new ArgumentException($"Adjoint has {lambda.Length} entries, model '{System.Schema.ModelName}' {_lambda.Length}.", nameof(lambda));
        }

        lambda.CopyTo(_lambda);
    }

    /// <summary>Solves at the system's current parameters and coordinates from the last equilibrium.</summary>
    public bool TrySolve(out SolveReport report)
    {
        EnsureLayout();
        var x = _x.ToArray();
        bool ok = _solver.TrySolve(System, x, out report);
        Solves++;
        LastSolve = report;
        _factorization = ok ? _solver.LastFactorization : null;
        _solved = ok;
        if (ok)
        {
            x.CopyTo(_x);
            _solvedAt = SolvabilityChecks.Fingerprint(System, includeCoordinates: true);
        }

        return ok;
    }

    /// <summary>Solves or throws (<see cref="SolvabilityException"/>, <see cref="EquilibriumNotConvergedException"/>).</summary>
    public ReadOnlySpan<double> Solve()
    {
        if (!TrySolve(out var report))
        {
            throw SolveReport.Exception(report);
        }

        return _x;
    }

    /// <summary>Solves (I - Jx)^T lambda = <paramref name="gradX"/> at the last equilibrium, warm-started from the
    /// last adjoint.</summary>
    public bool TrySolveAdjoint(ReadOnlySpan<double> gradX, out SolveReport report)
    {
        RequireSolved();
        if (!CanDifferentiate("adjoint", out report) || !IsUsable(gradX, System.Dimension, "seed dL/dx", "adjoint", state: true, out report))
        {
            AdjointSolves++;
            LastAdjointSolve = report;
            return false;
        }

        var x = _x;
        var lambda = _lambda.ToArray();
        report = _linear.Solve(
            "adjoint",
            (w, wj) => System.Vjp(x, w, wj),
            gradX,
            lambda,
            transposed: true,
            () => _factorization,
            Factorise,
            _solver.Options);
        AdjointSolves++;
        LastAdjointSolve = report;
        if (report.Converged)
        {
            lambda.CopyTo(_lambda);
        }

        return report.Converged;
    }

    /// <summary>Gradients of a scalar objective L(x*, u) through the equilibrium: given dL/dx at x*, writes
    /// dL/dtheta = lambda^T Jtheta into <paramref name="gradTheta"/> and lambda^T Ju into <paramref name="gradU"/>.
    /// Both outputs are overwritten, as by every gradient method of the library; a caller with a direct dL/du adds
    /// it afterwards. Empty outputs are skipped. Throws <see cref="EquilibriumNotConvergedException"/> with the report when
    /// the adjoint solve fails (also when the parameters changed since the solve: <see
    /// cref="SolveExitReason.ParametersChanged"/>), <see cref="InputNotFiniteException"/> for a NaN seed.</summary>
    public void Backpropagate(ReadOnlySpan<double> gradX, Span<double> gradTheta, Span<double> gradU)
    {
        if (!TrySolveAdjoint(gradX, out var report))
        {
            throw SolveReport.Exception(report);
        }

        System.Vjp(_x, _lambda, _scratch, gradTheta, gradU);
    }

    /// <summary>Forward sensitivity dx* = (I - Jx)^{-1} (Jtheta dTheta + Ju du) at the last equilibrium.</summary>
    public bool TryTangent(ReadOnlySpan<double> dTheta, ReadOnlySpan<double> du, Span<double> dx, out SolveReport report)
    {
        RequireSolved();
        if (!CanDifferentiate("tangent", out report) || !IsUsable(dTheta, System.Layout.ParameterLength, "parameter direction dTheta", "tangent", state: false, out report)
            || !IsUsable(du, System.Coordinates.Length, "coordinate direction du", "tangent", state: false, out report)
            || !HasLength(dx.Length, "output dx", "tangent", out report))
        {
            LastTangentSolve = report;
            return false;
        }

        var x = _x;
        var b = new double[x.Length];
        System.Jvp(x, ReadOnlySpan<double>.Empty, dTheta, du, _scratch, b);
        var z = _tangent.ToArray();
        var fx = new double[x.Length];
        report = _linear.Solve(
            "tangent",
            (v, jv) => System.Jvp(x, v, fx, jv),
            b,
            z,
            transposed: false,
            () => _factorization,
            Factorise,
            _solver.Options);
        LastTangentSolve = report;
        if (report.Converged)
        {
            z.CopyTo(_tangent);
            z.CopyTo(dx);
        }

        return report.Converged;
    }

    /// <summary>Dense factorisations of I - Jx made for <see cref="TrySensitivities"/>, for cost accounting.</summary>
    public int SensitivityFactorizations { get; private set; }

    /// <summary>
    /// The whole sensitivity matrix S = dx*/du = (I - Jx)^{-1} Ju at the last equilibrium, row-major (one row per
    /// state entry, one column per Lie coordinate) into <paramref name="dxdu"/>: one dense LU of I - Jx (reused from
    /// the solve when the direct path made one) and one JVP of f plus one pair of triangular solves per coordinate.
    /// Returns false with the reason when I - Jx is numerically singular.
    /// </summary>
    public bool TrySensitivities(Span<double> dxdu, out string? problem)
    {
        RequireSolved();
        int n = _x.Length;
        int m = System.Coordinates.Length;
        if (dxdu.Length != n * m)
        {
            throw new ArgumentException($"The sensitivity buffer has {dxdu.Length} entries; model '{System.Schema.ModelName}' needs {n} x {m} = {n * m}.", nameof(dxdu));
        }

        if (!CanDifferentiate("sensitivities", out var refused))
        {
            problem = refused.Message;
            return false;
        }

        if (_factorization is null)
        {
            SensitivityFactorizations++;
        }

        var lu = Factorise();
        if (lu.IsSingular)
        {
            problem = $"I - Jx of model '{System.Schema.ModelName}' is numerically singular at the equilibrium (pivot ratio {lu.PivotRatio:E2}), so dx*/du is undefined there.";
            return false;
        }

        var du = new double[m];
        var column = new double[n];
        for (int k = 0; k < m; k++)
        {
            du[k] = 1;
            System.Jvp(_x, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, du, _scratch, column);
            du[k] = 0;
            lu.Solve(column);
            for (int i = 0; i < n; i++)
            {
                dxdu[(i * m) + k] = column[i];
            }
        }

        problem = null;
        return true;
    }

    /// <summary>Prop. 1: the smallest singular value and condition number of I - Jx at the last equilibrium.</summary>
    public LocalSolvabilityReport LocalSolvability()
    {
        RequireSolved();
        return LocalSolvabilityEstimator.Estimate(System, _x, _solver.Options);
    }

    private DenseLu Factorise() => _factorization ??= DirectAffineSolver.Factorise(System, _x, _x.Length);

    /// <summary>
    /// False, with the report, when a derivative at the last equilibrium cannot be taken because a parameter or
    /// coordinate changed since the solve: the equilibrium and its factorisation would be stale. A checksum of theta
    /// and u (one pass over the parameters) tells.
    /// </summary>
    private bool CanDifferentiate(string what, out SolveReport report)
    {
        report = null!;
        try
        {
            System.ValidateLayout();
        }
        catch (ModelShapeException e)
        {
            report = SolveReport.NotRun(SolveExitReason.ShapeMismatch, e.Message, e);
            return false;
        }

        if (SolvabilityChecks.Fingerprint(System, includeCoordinates: true) == _solvedAt)
        {
            return true;
        }

        report = SolveReport.NotRun(SolveExitReason.ParametersChanged, $"A parameter or Lie coordinate of model '{System.Schema.ModelName}' changed after the last solve, so its equilibrium and factorisation are stale; solve again before the {what}.");
        return false;
    }

    /// <summary>False, with a <see cref="SolveExitReason.ShapeMismatch"/> report when a seed or direction has the wrong
    /// length (a direction may be empty: zero), or an <see cref="SolveExitReason.InputNotFinite"/> report naming the
    /// entry when it holds NaN or an infinity (<paramref name="state"/>: named by node element).</summary>
    private bool IsUsable(ReadOnlySpan<double> values, int expected, string name, string what, bool state, out SolveReport report)
    {
        report = null!;
        if (values.Length != expected && (state || !values.IsEmpty))
        {
            var e = new ModelShapeException(System.Schema.ModelName, name, $"length {expected}", $"length {values.Length}",
                $"The {name} of the {what} of model '{System.Schema.ModelName}' has {values.Length} entries but must have {expected}{(state ? "" : " (or none, meaning zero)")}.");
            report = SolveReport.NotRun(SolveExitReason.ShapeMismatch, e.Message, e);
            return false;
        }

        if (Vec.AllFinite(values))
        {
            return true;
        }

        int k = 0;
        while (double.IsFinite(values[k]))
        {
            k++;
        }

        string at = state ? $"{System.Layout.NodeAt(k).Node}[{System.Layout.NodeAt(k).Element}] (entry {k})" : $"entry {k}";
        report = SolveReport.NotRun(SolveExitReason.InputNotFinite, $"The {name} of the {what} of model '{System.Schema.ModelName}' is {values[k]} at {at}; it must be finite.");
        return false;
    }

    private bool HasLength(int length, string name, string what, out SolveReport report)
    {
        report = null!;
        if (length == System.Dimension)
        {
            return true;
        }

        var e = new ModelShapeException(System.Schema.ModelName, name, $"length {System.Dimension}", $"length {length}",
            $"The {name} of the {what} of model '{System.Schema.ModelName}' has {length} entries but must have {System.Dimension}.");
        report = SolveReport.NotRun(SolveExitReason.ShapeMismatch, e.Message, e);
        return false;
    }

    private void RequireSolved()
    {
        if (!_solved)
        {
            throw new InvalidOperationException($"Model '{System.Schema.ModelName}': differentiate after a successful solve (call Solve or TrySolve first; the last solve {(LastSolve is null ? "has not run" : $"ended {LastSolve.ExitReason}")}).");
        }
    }

    private void EnsureLayout()
    {
        if (_x.Length != System.Dimension)
        {
            _x = new double[System.Dimension];
            _lambda = new double[System.Dimension];
            _tangent = new double[System.Dimension];
            _scratch = new double[System.Dimension];
        }
    }
}
