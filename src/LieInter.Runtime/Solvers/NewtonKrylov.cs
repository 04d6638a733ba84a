using LieInter.Equilibrium;

namespace LieInter.Solvers;

/// <summary>
/// Inexact Newton on F(x) = x - f(x): each step solves (I - Jx) s = f(x) - x with restarted GMRES on the map's
/// Jacobian-vector products (forcing term min(0.1, sqrt ||F||)), then backtracks on ||F|| (Armijo, halving).
/// Converges quadratically near a solution where I - Jx is invertible, whatever the spectral radius of Jx.
/// </summary>
public sealed class NewtonKrylov : IFixedPointSolver
{
    private readonly Gmres _gmres;

    public NewtonKrylov(int restart = 40, int maxLinearIterations = 400)
    {
        _gmres = new Gmres(restart);
        MaxLinearIterations = maxLinearIterations;
    }

    public int MaxLinearIterations { get; }

    public string Name => "Newton-Krylov (GMRES)";

    public bool TrySolve(IFixedPointMap map, Span<double> x, SolverOptions options, out SolveReport report)
    {
        int n = x.Length;
        var monitor = new SolveMonitor(SolverKind.NewtonKrylov, Name, options);
        var fx = new double[n];
        var r = new double[n];     // f(x) - x = -F(x)
        var step = new double[n];
        var trial = new double[n];
        var scratch = new double[n];
        var xCopy = new double[n];
        int linearIterations = 0;

        map.Evaluate(x, fx);
        monitor.FunctionEvaluations++;
        double rNorm = Vec.Difference(fx, x, r);
        double firstNorm = rNorm > 0 ? rNorm : 1;
        while (true)
        {
            var stop = monitor.Observe(rNorm, Vec.Norm(x));
            if (stop is { } reason)
            {
                report = monitor.Report(reason, $"{linearIterations} GMRES iterations");
                return reason == SolveExitReason.Converged;
            }

            // (I - Jx) s = r
            x.CopyTo(xCopy);
            // Forcing term relative to the first residual, so the same problem at another scale (1e-200 or
            // 1e200) takes the same steps: sqrt(||r||) alone asked GMRES for 1e-100 there.
            double eta = Math.Clamp(Math.Sqrt(rNorm / firstNorm), 1e-13, 0.1);
            var inner = new SolverOptions
            {
                AbsoluteTolerance = options.AbsoluteTolerance * 0.1,
                RelativeTolerance = eta,
                MaxIterations = MaxLinearIterations,
                RecordHistory = false,
                CancellationToken = options.CancellationToken,
                StagnationWindow = int.MaxValue,
            };
            Array.Clear(step);
            _gmres.TrySolve(
                (v, av) =>
                {
                    map.Jvp(xCopy, v, scratch, av);
                    for (int i = 0; i < v.Length; i++)
                    {
                        av[i] = v[i] - av[i];
                    }
                },
                r,
                step,
                inner,
                out var linear);
            linearIterations += linear.Iterations;
            monitor.JacobianVectorProducts += linear.JacobianVectorProducts;
            if (!Vec.AllFinite(step))
            {
                // GMRES broke down on (I - J) s = r: the Krylov space met a null direction of I - J.
                report = monitor.Report(SolveExitReason.SingularJacobian, $"the Newton system (I - J) s = r broke down in GMRES (I - J is singular along the residual); {linearIterations} GMRES iterations");
                return false;
            }

            // Backtracking line search on ||F||.
            double t = 1.0;
            double trialNorm = double.PositiveInfinity;
            for (int halving = 0; halving < 30; halving++)
            {
                for (int i = 0; i < n; i++)
                {
                    trial[i] = xCopy[i] + t * step[i];
                }

                map.Evaluate(trial, fx);
                monitor.FunctionEvaluations++;
                trialNorm = Vec.Difference(fx, trial, scratch);
                if (double.IsFinite(trialNorm) && trialNorm <= (1 - 1e-4 * t) * rNorm)
                {
                    break;
                }

                t *= 0.5;
            }

            trial.CopyTo(x);
            scratch.CopyTo(r);
            rNorm = trialNorm;
            monitor.Iterations++;
        }
    }
}
