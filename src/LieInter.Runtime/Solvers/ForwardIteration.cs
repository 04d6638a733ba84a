using LieInter.Equilibrium;

namespace LieInter.Solvers;

/// <summary>Damped forward iteration x &lt;- (1 - beta) x + beta f(x). Converges linearly for contractions.</summary>
public sealed class ForwardIteration : IFixedPointSolver
{
    public ForwardIteration(double damping = 1.0)
    {
        if (!(damping > 0 && damping <= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(damping), damping, "Damping must be in (0, 2].");
        }

        Damping = damping;
    }

    public double Damping { get; }

    public string Name => Damping == 1.0 ? "forward iteration" : $"forward iteration (beta = {Damping})";

    public bool TrySolve(IFixedPointMap map, Span<double> x, SolverOptions options, out SolveReport report)
    {
        var monitor = new SolveMonitor(SolverKind.ForwardIteration, Name, options);
        var fx = new double[x.Length];
        var residual = new double[x.Length];
        while (true)
        {
            map.Evaluate(x, fx);
            monitor.FunctionEvaluations++;
            var stop = monitor.Observe(Vec.Difference(fx, x, residual), Vec.Norm(x));
            if (stop is { } reason)
            {
                report = monitor.Report(reason);
                return reason == SolveExitReason.Converged;
            }

            for (int i = 0; i < x.Length; i++)
            {
                x[i] += Damping * (fx[i] - x[i]);
            }

            monitor.Iterations++;
        }
    }
}
