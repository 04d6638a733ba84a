using LieInter.Equilibrium;

namespace LieInter.Solvers;

/// <summary>
/// Direct solve for maps affine in the state (f(x) = J x + c, as the generator proves for Leontief-type models):
/// assembles I - J from Jacobian rows, factorises it (LU with partial pivoting) and takes the exact Newton step
/// x = x0 + (I - J)^{-1} (f(x0) - x0), refined while the residual stays above tolerance. The factorisation is kept
/// for adjoint solves with the same Jacobian.
/// </summary>
public sealed class DirectAffineSolver : IFixedPointSolver
{
    public string Name => "direct LU (affine)";

    /// <summary>The factorisation of I - J from the last solve.</summary>
    public DenseLu? Factorization { get; private set; }

    public bool TrySolve(IFixedPointMap map, Span<double> x, SolverOptions options, out SolveReport report)
    {
        if (map is not IJacobianRows rows || !rows.IsAffineInState)
        {
            throw new ArgumentException("The direct solver needs a map that is affine in the state and provides Jacobian rows (an EquilibriumSystem of a model the generator marks affine, without overrides).", nameof(map));
        }

        int n = x.Length;
        var monitor = new SolveMonitor(SolverKind.DirectLu, Name, options);
        Factorization = Factorise(rows, x, n);
        monitor.JacobianVectorProducts += n;
        var fx = new double[n];
        var r = new double[n];
        for (int refinement = 0; ; refinement++)
        {
            map.Evaluate(x, fx);
            monitor.FunctionEvaluations++;
            double rNorm = Vec.Difference(fx, x, r);
            var stop = monitor.Observe(rNorm, Vec.Norm(x));
            if (stop is { } reason)
            {
                report = reason != SolveExitReason.Converged && Factorization.IsSingular
                    ? monitor.Report(SolveExitReason.SingularJacobian, Singular(Factorization))
                    : monitor.Report(reason, Factorization.IsSingular ? $"I - J is numerically singular (pivot ratio {Factorization.PivotRatio:E2})" : null);
                return reason == SolveExitReason.Converged;
            }

            if (refinement >= 4)
            {
                report = Factorization.IsSingular
                    ? monitor.Report(SolveExitReason.SingularJacobian, Singular(Factorization))
                    : monitor.Report(SolveExitReason.Stagnated, $"iterative refinement did not reach the tolerance (pivot ratio {Factorization.PivotRatio:E2})");
                return false;
            }

            Factorization.Solve(r);
            Vec.Axpy(1.0, r, x);
            monitor.Iterations++;
        }
    }

    private static string Singular(DenseLu lu) =>
        $"I - J of the affine map is numerically singular (pivot ratio {lu.PivotRatio.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)}): its equilibrium is not unique or does not exist";

    /// <summary>LU of I - Jx assembled row by row.</summary>
    public static DenseLu Factorise(IJacobianRows rows, ReadOnlySpan<double> x, int n)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var row = m.AsSpan(i * n, n);
            rows.JacobianRow(x, i, row);
            for (int j = 0; j < n; j++)
            {
                row[j] = -row[j];
            }

            row[i] += 1.0;
        }

        // The assembled matrix is only ever factorised: hand it over rather than copy n^2 values again.
        return DenseLu.FactoriseInPlace(m, n);
    }
}
