using System.Diagnostics;

namespace LieInter.Solvers;

/// <summary>Bookkeeping shared by the iterative solvers: history, stopping tests, timing.</summary>
internal sealed class SolveMonitor
{
    private readonly SolverOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<double> _history = new();
    private double _initial = double.NaN;
    private double _best = double.PositiveInfinity;
    private int _sinceBest;

    public SolveMonitor(SolverKind kind, string solver, SolverOptions options)
    {
        Kind = kind;
        Solver = solver;
        _options = options;
    }

    public SolverKind Kind { get; }

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
        Kind = Kind,
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
