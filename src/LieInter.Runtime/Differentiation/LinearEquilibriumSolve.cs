using LieInter.Equilibrium;
using LieInter.Solvers;

namespace LieInter.Differentiation;

/// <summary>
/// Solves the linear fixed points of implicit differentiation, z = K z + b, where K is Jx (forward mode) or Jx^T
/// (adjoint), with the same policy as the nonlinear solve: a stored LU of I - Jx when one exists, otherwise
/// Anderson acceleration on z -> K z + b, then GMRES on (I - K) z = b, then a dense LU of I - Jx assembled from
/// generated Jacobian rows (exact at the current state, for any model up to the dense limit). A method forced
/// through <see cref="EquilibriumSolverOptions.Method"/> runs alone: Anderson, GMRES (Newton-Krylov) or the LU.
/// </summary>
internal sealed class LinearEquilibriumSolve
{
    private readonly Gmres _gmres = new(60);

    public SolveReport Solve(
        string name,
        LinearOperator k,
        ReadOnlySpan<double> b,
        Span<double> z,
        bool transposed,
        Func<DenseLu?> storedFactorization,
        Func<DenseLu>? factorise,
        EquilibriumSolverOptions options)
    {
        var attempts = new List<SolveReport>();

        // Linear solves are scale-free: the absolute tolerance is taken relative to ||b||, so a gradient of any
        // magnitude (normalised objectives give tiny ones) is solved to the same relative accuracy.
        double bNorm = Vec.Norm(b);
        var tolerances = options.Tolerances with { AbsoluteTolerance = options.Tolerances.AbsoluteTolerance * bNorm };
        if (bNorm == 0)
        {
            z.Clear();
        }

        if (storedFactorization() is { } lu)
        {
            return Direct(name, lu, k, b, z, transposed, tolerances, attempts);
        }

        var method = options.Method;
        if (factorise is not null && (method == EquilibriumMethod.Direct || (method == EquilibriumMethod.Default && b.Length < options.DirectPreferredBelow)))
        {
            return Direct(name, factorise(), k, b, z, transposed, tolerances, attempts);
        }

        if (method != EquilibriumMethod.NewtonKrylov)
        {
            var map = new LinearMap(k, b.ToArray());
            var anderson = new AndersonAcceleration(options.Anderson);
            var start = z.ToArray();

            // As in the forward policy: stop when factorising now is projected to be cheaper than iterating on.
            bool factorisable = factorise is not null && method == EquilibriumMethod.Default && b.Length <= options.DirectDenseLimit;
            var andersonTolerances = factorisable ? tolerances with { Supersede = DirectCost.Guard(b.Length, 0) } : tolerances;
            if (anderson.TrySolve(map, z, andersonTolerances, out var report))
            {
                return SolveReport.Combine([report], name);
            }

            attempts.Add(report);
            if (report.ExitReason == SolveExitReason.Cancelled || method == EquilibriumMethod.Anderson)
            {
                return SolveReport.Combine(attempts, name);
            }

            if (report.ExitReason == SolveExitReason.Superseded)
            {
                return Direct(name, factorise!(), k, b, z, transposed, tolerances, attempts);
            }

            if (report.ExitReason is SolveExitReason.Diverged or SolveExitReason.NotANumber)
            {
                start.CopyTo(z);
            }
        }

        var scratch = new double[b.Length];
        bool ok = _gmres.TrySolve(
            (v, av) =>
            {
                k(v, scratch);
                for (int i = 0; i < v.Length; i++)
                {
                    av[i] = v[i] - scratch[i];
                }
            },
            b,
            z,
            tolerances with { StagnationWindow = int.MaxValue },
            out var gmres,
            "GMRES");
        attempts.Add(gmres);
        if (ok || factorise is null || method != EquilibriumMethod.Default || b.Length > options.DirectDenseLimit)
        {
            return SolveReport.Combine(attempts, name);
        }

        return Direct(name, factorise(), k, b, z, transposed, tolerances, attempts);
    }

    private static SolveReport Direct(string name, DenseLu lu, LinearOperator k, ReadOnlySpan<double> b, Span<double> z, bool transposed, SolverOptions tolerances, List<SolveReport> attempts)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int n = b.Length;
        b.CopyTo(z);
        if (transposed)
        {
            lu.SolveTransposed(z);
        }
        else
        {
            lu.Solve(z);
        }

        // Check the residual of z = K z + b with the operator itself and refine once or twice if needed.
        var kz = new double[n];
        var r = new double[n];
        double rNorm = 0;
        int refinements = 0;
        for (; ; refinements++)
        {
            k(z, kz);
            for (int i = 0; i < n; i++)
            {
                r[i] = kz[i] + b[i] - z[i];
            }

            rNorm = Vec.Norm(r);
            if (rNorm <= tolerances.Threshold(Vec.Norm(z)) || refinements >= 3 || !double.IsFinite(rNorm))
            {
                break;
            }

            if (transposed)
            {
                lu.SolveTransposed(r);
            }
            else
            {
                lu.Solve(r);
            }

            Vec.Axpy(1.0, r, z);
        }

        double zNorm = Vec.Norm(z);
        bool converged = rNorm <= tolerances.Threshold(zNorm);
        bool singular = !converged && lu.IsSingular;
        var report = new SolveReport
        {
            Kind = SolverKind.DirectLu,
            Solver = transposed ? "direct LU (transposed)" : "direct LU",
            Converged = converged,
            ExitReason = converged ? SolveExitReason.Converged : singular ? SolveExitReason.SingularJacobian : double.IsFinite(rNorm) ? SolveExitReason.Stagnated : SolveExitReason.NotANumber,
            Message = singular ? $"I - Jx is numerically singular at the equilibrium (pivot ratio {lu.PivotRatio.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)}): the {name} is not defined there" : null,
            Iterations = refinements,
            ResidualNorm = rNorm,
            RelativeResidual = zNorm > 0 ? rNorm / zNorm : rNorm,
            Threshold = tolerances.Threshold(zNorm),
            ResidualHistory = [rNorm],
            Elapsed = clock.Elapsed,
            JacobianVectorProducts = refinements + 1,
        };
        attempts.Add(report);
        return SolveReport.Combine(attempts, name);
    }

    /// <summary>z -> K z + b as a fixed-point map (only Evaluate is used, by Anderson).</summary>
    private sealed class LinearMap : IFixedPointMap
    {
        private readonly LinearOperator _k;
        private readonly double[] _b;

        public LinearMap(LinearOperator k, double[] b)
        {
            _k = k;
            _b = b;
        }

        public int Dimension => _b.Length;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> fx)
        {
            _k(x, fx);
            for (int i = 0; i < fx.Length; i++)
            {
                fx[i] += _b[i];
            }
        }

        public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> fx, Span<double> jv)
        {
            Evaluate(x, fx);
            _k(v, jv);
        }

        public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> wJ) =>
            throw new NotSupportedException("Only forward products of the linear map are used.");
    }
}
