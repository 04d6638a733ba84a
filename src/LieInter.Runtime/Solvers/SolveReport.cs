using LieInter.Modeling;

namespace LieInter.Solvers;

/// <summary>What a solve did: whether it converged, how, and how far it got. Every solve returns one; failures are
/// never silent.</summary>
public sealed class SolveReport
{
    /// <summary>The method, in words with its settings; for a sequence of attempts, each joined by " -> ".</summary>
    public required string Solver { get; init; }

    /// <summary>The method that ran last (the one whose outcome this is), as a value to branch on.</summary>
    public SolverKind Kind { get; init; } = SolverKind.Custom;

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
            Kind = last.Kind,
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
        Kind = Kind,
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
        Kind = SolverKind.None,
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
