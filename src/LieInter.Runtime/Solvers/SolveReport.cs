using System.Diagnostics;

namespace LieInter.Solvers;

/// <summary>Why a solve stopped.</summary>
public enum SolveExitReason
{
    /// <summary>||x - f(x)|| &lt;= atol + rtol ||x||.</summary>
    Converged,

    /// <summary>The iteration limit was reached first.</summary>
    IterationLimit,

    /// <summary>The residual grew beyond the divergence limit.</summary>
    Diverged,

    /// <summary>A NaN or infinity appeared in the iterate or the residual.</summary>
    NotANumber,

    /// <summary>The residual stopped decreasing for too long.</summary>
    Stagnated,

    /// <summary>The cancellation token fired.</summary>
    Cancelled,

    /// <summary>A declared solvability condition failed, so the solve was refused (and the warm start kept).</summary>
    Refused,

    /// <summary>The default policy stopped this method because, at its measured rate and cost per iteration, the
    /// dense LU was projected to finish sooner; the next attempt in the report is the LU.</summary>
    Superseded,

    /// <summary>I - J is numerically singular where it was factorised (a pivot vanished; the message gives the pivot
    /// ratio): the equilibrium, or the linear solve of a derivative, is not unique or does not exist there.</summary>
    SingularJacobian,

    /// <summary>An input was NaN or infinite before anything ran: the warm start, a gradient seed or tangent direction,
    /// a Lie coordinate or a parameter; the message names it and its index. Nothing was changed.</summary>
    InputNotFinite,

    /// <summary>A parameter or Lie coordinate changed after the solve that a derivative would differentiate: its
    /// equilibrium and factorisation are stale, so the derivative was refused. Solve again first.</summary>
    ParametersChanged,

    /// <summary>The model's arrays disagree with each other or with the system's layout (an array replaced or
    /// resized without <see cref="EquilibriumSystem.Rebind"/>), or a buffer passed in has the wrong length; the
    /// message names the member and both shapes (<see cref="ModelShapeException"/>). Nothing ran.</summary>
    ShapeMismatch,

    /// <summary>A Lie coordinate is finite but its group element is not (Exp(u) overflows, e.g. e^800 for a
    /// multiplicative intervention); the message names the coordinate. Nothing ran.</summary>
    Overflow,
}

/// <summary>Tolerances and limits shared by every solver. Convergence is tested on the Euclidean norm of the
/// residual r = x - f(x) (for an adjoint solve, of its own residual): ||r||_2 &lt;= AbsoluteTolerance +
/// RelativeTolerance ||x||_2.</summary>
public sealed record SolverOptions
{
    public double AbsoluteTolerance { get; init; } = 1e-12;

    public double RelativeTolerance { get; init; } = 1e-11;

    public int MaxIterations { get; init; } = 2_000;

    /// <summary>A residual larger than this factor times the initial residual (and than 1e-300) ends the solve as
    /// diverged.</summary>
    public double DivergenceFactor { get; init; } = 1e8;

    /// <summary>Iterations without a new best residual after which the solve ends as stagnated.</summary>
    public int StagnationWindow { get; init; } = 200;

    public bool RecordHistory { get; init; } = true;

    /// <summary>A converged solve whose estimated error in x (residual / sigma_min(I - J)) exceeds this many times the
    /// residual threshold carries <see cref="SolveReport.ConditioningWarning"/>. 1e3 stays quiet on input-output
    /// tables (1 / (1 - rho) is 10 to 100) and speaks at a near-singular root.</summary>
    public double ErrorAmplificationLimit { get; init; } = 1e3;

    public CancellationToken CancellationToken { get; init; }

    /// <summary>Set by the default policy: called after each iteration with (iterations, residual, threshold,
    /// elapsed); true stops the method as <see cref="SolveExitReason.Superseded"/>.</summary>
    internal Func<int, double, double, TimeSpan, bool>? Supersede { get; init; }

    public static SolverOptions Default { get; } = new();

    internal double Threshold(double stateNorm) => AbsoluteTolerance + RelativeTolerance * stateNorm;
}

/// <summary>What a solve did: whether it converged, how, and how far it got. Every solve returns one; failures are
/// never silent.</summary>
public sealed class SolveReport
{
    public required string Solver { get; init; }

    public required bool Converged { get; init; }

    public required SolveExitReason ExitReason { get; init; }

    public required int Iterations { get; init; }

    /// <summary>||x - f(x)||_2 at the returned point.</summary>
    public required double ResidualNorm { get; init; }

    /// <summary>||x - f(x)||_2 / ||x||_2 at the returned point.</summary>
    public required double RelativeResidual { get; init; }

    /// <summary>The convergence threshold atol + rtol ||x|| at the returned point.</summary>
    public required double Threshold { get; init; }

    public required IReadOnlyList<double> ResidualHistory { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public int FunctionEvaluations { get; init; }

    public int JacobianVectorProducts { get; init; }

    public int VectorJacobianProducts { get; init; }

    /// <summary>Human-readable detail (e.g. which condition refused the solve, or why a fallback ran).</summary>
    public string? Message { get; init; }

    /// <summary>For a converged solve, the estimated error in x: ||r|| / sigma_min(I - J), worked out on first read
    /// (NaN when not estimated: no LU of I - J at hand and more than 32 unknowns).</summary>
    public double EstimatedError => Conditioning?.Error ?? double.NaN;

    /// <summary>Set on a converged solve whose <see cref="EstimatedError"/> exceeds
    /// <see cref="SolverOptions.ErrorAmplificationLimit"/> times its residual threshold: the residual test passed,
    /// but x is ill-determined (I - J nearly singular at the solution).</summary>
    public string? ConditioningWarning => Conditioning?.Warning;

    internal SolutionConditioning.Estimate? Conditioning { get; set; }

    /// <summary>The typed exception behind a report that did not run (a shape mismatch), rethrown by the throwing forms.</summary>
    internal Exception? Cause { get; init; }

    /// <summary>For a solve that tried several methods (the default policy), the report of each attempt.</summary>
    public IReadOnlyList<SolveReport> Attempts { get; init; } = [];

    /// <summary>One report for a sequence of attempts (a policy's fallbacks): the outcome of the last, the work of
    /// all, each attempt kept in <see cref="Attempts"/>. <paramref name="name"/> prefixes the solver description.</summary>
    public static SolveReport Combine(IReadOnlyList<SolveReport> attempts, string? name = null)
    {
        var last = attempts[^1];
        string solver = attempts.Count == 1 ? last.Solver : string.Join(" -> ", attempts.Select(a => a.Solver));
        return new SolveReport
        {
            Solver = name is null ? solver : $"{name}: {solver}",
            Converged = last.Converged,
            ExitReason = last.ExitReason,
            Iterations = attempts.Sum(a => a.Iterations),
            ResidualNorm = last.ResidualNorm,
            RelativeResidual = last.RelativeResidual,
            Threshold = last.Threshold,
            ResidualHistory = attempts.Count == 1 ? last.ResidualHistory : attempts.SelectMany(a => a.ResidualHistory).ToList(),
            Elapsed = TimeSpan.FromTicks(attempts.Sum(a => a.Elapsed.Ticks)),
            FunctionEvaluations = attempts.Sum(a => a.FunctionEvaluations),
            JacobianVectorProducts = attempts.Sum(a => a.JacobianVectorProducts),
            VectorJacobianProducts = attempts.Sum(a => a.VectorJacobianProducts),
            Message = attempts.Count == 1 ? last.Message : string.Join("; ", attempts.Take(attempts.Count - 1).Select(a => $"{a.Solver} stopped: {a.ExitReason}").Concat(last.Message is null ? [] : [last.Message])),
            Attempts = attempts.Count == 1 ? last.Attempts : attempts.ToList(),
        };
    }

    /// <summary>A converged report overruled by a later check (I - J singular at the point): same work and residual,
    /// not converged, with the reason and why.</summary>
    internal SolveReport Overruled(SolveExitReason reason, string why) => new()
    {
        Solver = Solver,
        Converged = false,
        ExitReason = reason,
        Iterations = Iterations,
        ResidualNorm = ResidualNorm,
        RelativeResidual = RelativeResidual,
        Threshold = Threshold,
        ResidualHistory = ResidualHistory,
        Elapsed = Elapsed,
        FunctionEvaluations = FunctionEvaluations,
        JacobianVectorProducts = JacobianVectorProducts,
        VectorJacobianProducts = VectorJacobianProducts,
        Message = Message is null ? why : $"{Message}; {why}",
        Attempts = Attempts,
        Conditioning = Conditioning,
    };

    /// <summary>The report of a solve that did not start (refused, or an input was not finite).</summary>
    internal static SolveReport NotRun(SolveExitReason reason, string message, Exception? cause = null) => new()
    {
        Cause = cause,
        Solver = "checks",
        Converged = false,
        ExitReason = reason,
        Iterations = 0,
        ResidualNorm = double.NaN,
        RelativeResidual = double.NaN,
        Threshold = double.NaN,
        ResidualHistory = [],
        Elapsed = TimeSpan.Zero,
        Message = message,
    };

    /// <summary>What the throwing forms throw for a failed report, each carrying it: a refusal as
    /// <see cref="SolvabilityException"/>, a non-finite input as <see cref="InputNotFiniteException"/>, an overflowing
    /// group element as <see cref="LieCoordinateOverflowException"/>, a shape mismatch as the
    /// <see cref="ModelShapeException"/> behind it, anything else as <see cref="EquilibriumNotConvergedException"/>.</summary>
    internal static Exception Exception(SolveReport report) => report.ExitReason switch
    {
        SolveExitReason.Refused => new SolvabilityException(report),
        SolveExitReason.InputNotFinite => new InputNotFiniteException(report),
        SolveExitReason.Overflow => new LieCoordinateOverflowException(report),
        SolveExitReason.ShapeMismatch => report.Cause as ModelShapeException ?? new ModelShapeException("", "", "", "", report.Message!),
        _ => new EquilibriumNotConvergedException(report),
    };

    public override string ToString() =>
        $"{Solver}: {ExitReason} after {Iterations} iterations, ||r|| = {ResidualNorm:E3} (relative {RelativeResidual:E3}, threshold {Threshold:E3}), {Elapsed.TotalMilliseconds:F1} ms" +
        (Message is null ? "" : $" — {Message}") + (ConditioningWarning is null ? "" : $" — warning: {ConditioningWarning}");
}

/// <summary>Bookkeeping shared by the iterative solvers: history, stopping tests, timing.</summary>
internal sealed class SolveMonitor
{
    private readonly SolverOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<double> _history = new();
    private double _initial = double.NaN;
    private double _best = double.PositiveInfinity;
    private int _sinceBest;

    public SolveMonitor(string solver, SolverOptions options)
    {
        Solver = solver;
        _options = options;
    }

    public string Solver { get; }

    public int Iterations { get; set; }

    public int FunctionEvaluations { get; set; }

    public int JacobianVectorProducts { get; set; }

    public int VectorJacobianProducts { get; set; }

    public double LastResidual { get; private set; } = double.NaN;

    public double LastThreshold { get; private set; }

    public double LastStateNorm { get; private set; }

    /// <summary>Records a residual and says whether to stop (and why).</summary>
    public SolveExitReason? Observe(double residual, double stateNorm)
    {
        LastResidual = residual;
        LastStateNorm = stateNorm;
        LastThreshold = _options.Threshold(stateNorm);
        if (_options.RecordHistory)
        {
            _history.Add(residual);
        }

        if (double.IsNaN(_initial))
        {
            _initial = residual;
        }

        if (!double.IsFinite(residual) || !double.IsFinite(stateNorm))
        {
            return SolveExitReason.NotANumber;
        }

        if (residual <= LastThreshold)
        {
            return SolveExitReason.Converged;
        }

        if (residual > _options.DivergenceFactor * Math.Max(_initial, 1e-300) && residual > 1e-300)
        {
            return SolveExitReason.Diverged;
        }

        if (residual < _best * (1 - 1e-12))
        {
            _best = residual;
            _sinceBest = 0;
        }
        else if (++_sinceBest >= _options.StagnationWindow)
        {
            return SolveExitReason.Stagnated;
        }

        if (_options.CancellationToken.IsCancellationRequested)
        {
            return SolveExitReason.Cancelled;
        }

        if (Iterations >= _options.MaxIterations)
        {
            return SolveExitReason.IterationLimit;
        }

        if (_options.Supersede is { } supersede && supersede(Iterations, residual, LastThreshold, _clock.Elapsed))
        {
            return SolveExitReason.Superseded;
        }

        return null;
    }

    public SolveReport Report(SolveExitReason reason, string? message = null) => new()
    {
        Solver = Solver,
        Converged = reason == SolveExitReason.Converged,
        ExitReason = reason,
        Iterations = Iterations,
        ResidualNorm = LastResidual,
        RelativeResidual = LastStateNorm > 0 ? LastResidual / LastStateNorm : LastResidual,
        Threshold = LastThreshold,
        ResidualHistory = _history,
        Elapsed = _clock.Elapsed,
        FunctionEvaluations = FunctionEvaluations,
        JacobianVectorProducts = JacobianVectorProducts,
        VectorJacobianProducts = VectorJacobianProducts,
        Message = message,
    };
}
