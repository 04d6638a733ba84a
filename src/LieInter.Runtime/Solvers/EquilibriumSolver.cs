using LieInter.Equilibrium;
using LieInter.Modeling;

namespace LieInter.Solvers;

/// <summary>
/// The default solve policy, with fallbacks:
/// <list type="number">
/// <item>Before solving, parameters must be finite and the model's declared solvability conditions must hold
/// (<see cref="SolvabilityChecks"/>); otherwise the solve is refused with a message naming the condition.</item>
/// <item>Models affine in the state with fewer than <see cref="EquilibriumSolverOptions.DirectPreferredBelow"/>
/// unknowns are factorised (<see cref="DirectAffineSolver"/>).</item>
/// <item>Otherwise Anderson acceleration (safeguarded, relative regularisation) runs first: it costs one
/// evaluation of f per iteration and converges in a few tens of iterations on the models here.</item>
/// <item>If it fails, affine models up to <see cref="EquilibriumSolverOptions.DirectDenseLimit"/> unknowns are
/// factorised; other models go to Newton-Krylov (GMRES on the generated JVPs), from the warm start when Anderson
/// diverged and from Anderson's last iterate otherwise.</item>
/// </list>
/// The report lists every attempt; a failed solve returns false (or throws
/// <see cref="EquilibriumNotConvergedException"/>) and never passes an unconverged point off as a solution.
/// </summary>
public sealed class EquilibriumSolver
{
    private readonly DirectAffineSolver _direct = new();
    private readonly NewtonKrylov _newton = new();
    private (IEquilibriumModel Model, ulong Fingerprint)? _checked;
    private (ModelSchema Schema, bool DependsOnCoordinates, bool FromSolution)? _conditions;

    public EquilibriumSolver(EquilibriumSolverOptions? options = null)
    {
        Options = options ?? EquilibriumSolverOptions.Default;
        Anderson = new AndersonAcceleration(Options.Anderson);
    }

    public EquilibriumSolverOptions Options { get; }

    public AndersonAcceleration Anderson { get; }

    /// <summary>How many linear solves of the same size are expected to follow each solve (1 when an adjoint solve
    /// follows for a gradient): the policy's cost model counts them, since a factorisation serves them almost free.</summary>
    public double FollowingLinearSolves { get; set; }

    /// <summary>The factorisation of I - J left by the last direct solve (for adjoint solves), if any.</summary>
    public DenseLu? LastFactorization { get; private set; }

    /// <summary>Solves the system from the warm start in <paramref name="x"/>. On failure x holds the last finite
    /// iterate, or the warm start again when the methods ended in NaN or infinity or the solve was refused.</summary>
    public bool TrySolve(EquilibriumSystem system, Span<double> x, out SolveReport report)
    {
        var start = x.Length == system.Dimension ? x.ToArray() : null;
        bool solved = TrySolveChecked(system, x, out report);
        if (solved && Options.Tolerances.ErrorAmplificationLimit < double.PositiveInfinity)
        {
            // An LU made only for the estimate is not handed on as LastFactorization: that would change which
            // method the derivatives use (a forced method runs alone for the adjoint too).
            var lu = SolutionConditioning.Assess(system, x, report, Options.Tolerances, LastFactorization);
            if (lu is { IsSingular: true })
            {
                // A point where I - J is singular is no isolated equilibrium: x = x + 1 "converges" where x + 1
                // rounds to x. Reported as such, with the warm start back.
                report = report.Overruled(SolveExitReason.SingularJacobian, $"I - J of model '{system.Schema.ModelName}' is numerically singular at the point the solve stopped (pivot ratio {lu.PivotRatio.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)}): the equilibrium there is not isolated, or the iterate ran to where the residual rounds away");
                start!.CopyTo(x);
                LastFactorization = null;
                return false;
            }
        }

        if (!solved && system.IsAffineInState && x.Length <= Options.DirectDenseLimit && Vec.AllFinite(x)
            && report.ExitReason is SolveExitReason.Stagnated or SolveExitReason.IterationLimit or SolveExitReason.Diverged)
        {
            // An iterative method forced on an affine map cannot tell "slow" from "impossible"; J is constant, so
            // one small LU can: a singular I - J means no unique equilibrium anywhere.
            var lu = DirectAffineSolver.Factorise(system, x, x.Length);
            if (lu.IsSingular)
            {
                report = report.Overruled(SolveExitReason.SingularJacobian, $"I - J of the affine model '{system.Schema.ModelName}' is numerically singular (pivot ratio {lu.PivotRatio.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)}): it has no unique equilibrium");
            }
        }

        return solved;
    }

    private bool TrySolveChecked(EquilibriumSystem system, Span<double> x, out SolveReport report)
    {
        if (!TryCheckInputs(system, x, out report))
        {
            return false;
        }

        bool certifyAfter = false;
        if (Options.CheckSolvability)
        {
            try
            {
                // Check the declared conditions once per distinct set of what they depend on (an optimiser solves
                // thousands of times with the same parameters and new coordinates). A NaN changes the fingerprint,
                // so parameters are always checked for it; coordinates are checked here when the fingerprint leaves
                // them out.
                if (_conditions is not { } k || !ReferenceEquals(k.Schema, system.Schema))
                {
                    _conditions = (system.Schema, SolvabilityChecks.DependsOnCoordinates(system), SolvabilityChecks.CanCertifyFromSolution(system));
                }

                bool withCoordinates = _conditions.Value.DependsOnCoordinates;
                if (!withCoordinates)
                {
                    SolvabilityChecks.CheckCoordinates(system);
                }

                ulong fingerprint = SolvabilityChecks.Fingerprint(system, withCoordinates);
                if (_checked is not { } c || !ReferenceEquals(c.Model, system.Model) || c.Fingerprint != fingerprint)
                {
                    // A check should cost less than the solve: a few products certify from the warm start or a
                    // cached test vector; failing that, a spectral radius of a matrix parameter is certified by the
                    // solution itself (one product) after the solve, and only then, if at all, by the full check.
                    if (SolvabilityChecks.TryCertifyCheaply(system, x, PreSolveSweeps))
                    {
                        _checked = (system.Model, fingerprint);
                    }
                    else if (_conditions.Value.FromSolution)
                    {
                        certifyAfter = true;
                    }
                    else
                    {
                        SolvabilityChecks.Require(system, x);
                        _checked = (system.Model, fingerprint);
                    }
                }

                if (!certifyAfter)
                {
                    return TrySolveMap(system, x, out report);
                }

                var start = x.ToArray();
                bool solved = TrySolveMap(system, x, out report);
                if (!(solved && SolvabilityChecks.TryCertifyCheaply(system, x, PreSolveSweeps, checkParameters: false)))
                {
                    try
                    {
                        SolvabilityChecks.Require(system, solved ? x : start);
                    }
                    catch (EquilibriumException)
                    {
                        // Nothing certified: the warm start comes back with the refusal, not an uncertified answer.
                        start.CopyTo(x);
                        throw;
                    }
                }

                _checked = (system.Model, fingerprint);
                return solved;
            }
            catch (EquilibriumException e)
            {
                report = e.Report;
                return false;
            }
        }

        return TrySolveMap(system, x, out report);
    }

    /// <summary>Shapes and inputs, before anything runs: arrays that disagree (or changed since the system was
    /// bound), a warm start of the wrong length, a NaN warm start or coordinate and an overflowing group element are
    /// named here, not found later as an index error or a NaN iterate.</summary>
    internal static bool TryCheckInputs(EquilibriumSystem system, ReadOnlySpan<double> x, out SolveReport report)
    {
        try
        {
            system.ValidateLayout();
            if (x.Length != system.Dimension)
            {
                throw new ModelShapeException(system.Schema.ModelName, "warm start", $"length {system.Dimension}", $"length {x.Length}",
                    $"The warm start has {x.Length} entries but model '{system.Schema.ModelName}' has {system.Dimension} unknowns.");
            }

            SolvabilityChecks.CheckState(system, x, "warm start");
            SolvabilityChecks.CheckCoordinates(system);
            SolvabilityChecks.CheckGroupElements(system);
        }
        catch (ModelShapeException e)
        {
            report = SolveReport.NotRun(SolveExitReason.ShapeMismatch, e.Message, e);
            return false;
        }
        catch (EquilibriumException e)
        {
            report = e.Report;
            return false;
        }

        report = null!;
        return true;
    }

    /// <summary>Power sweeps (one product each) a check may spend before the solve.</summary>
    private const int PreSolveSweeps = 2;

    /// <summary>Solves, throwing <see cref="SolvabilityException"/> when refused and
    /// <see cref="EquilibriumNotConvergedException"/> when no method converged.</summary>
    public SolveReport Solve(EquilibriumSystem system, Span<double> x)
    {
        if (!TrySolve(system, x, out var report))
        {
            throw SolveReport.Exception(report);
        }

        return report;
    }

    /// <summary>The policy on any map (no solvability checks: only <see cref="EquilibriumSystem"/> knows its
    /// declarations). Affine maps must implement <see cref="IJacobianRows"/> to be factorised.</summary>
    public bool TrySolveMap(IFixedPointMap map, Span<double> x, out SolveReport report)
    {
        var options = Options.Tolerances;
        var attempts = new List<SolveReport>();
        bool affine = map is IJacobianRows { IsAffineInState: true };
        int n = x.Length;
        LastFactorization = null;
        if (Options.Method != EquilibriumMethod.Default)
        {
            return TrySolveWith(Options.Method, map, x, affine, out report);
        }

        var start = x.ToArray();

        if (affine && n < Options.DirectPreferredBelow)
        {
            bool ok = _direct.TrySolve(map, x, options, out var direct);
            LastFactorization = _direct.Factorization;
            attempts.Add(direct);
            if (ok || direct.ExitReason == SolveExitReason.SingularJacobian)
            {
                return Finish(attempts, ok, x, start, out report);
            }
        }
        else
        {
            // On a factorisable problem Anderson is stopped as soon as the LU is projected to finish sooner.
            bool factorisable = affine && n <= Options.DirectDenseLimit;
            var andersonOptions = factorisable ? options with { Supersede = DirectCost.Guard(n, FollowingLinearSolves) } : options;
            bool ok = Anderson.TrySolve(map, x, andersonOptions, out var anderson);
            attempts.Add(anderson);
            if (ok)
            {
                report = Combine(attempts);
                return true;
            }

            if (anderson.ExitReason == SolveExitReason.Cancelled)
            {
                report = Combine(attempts);
                return false;
            }

            if (anderson.ExitReason is SolveExitReason.Diverged or SolveExitReason.NotANumber)
            {
                start.CopyTo(x);
            }

            if (factorisable)
            {
                ok = _direct.TrySolve(map, x, options, out var direct);
                LastFactorization = _direct.Factorization;
                attempts.Add(direct);
                if (ok || direct.ExitReason == SolveExitReason.SingularJacobian)
                {
                    return Finish(attempts, ok, x, start, out report);
                }
            }
        }

        // Newton-Krylov as the last resort.
        if (attempts[^1].ExitReason is SolveExitReason.Diverged or SolveExitReason.NotANumber)
        {
            start.CopyTo(x);
        }

        bool nk = _newton.TrySolve(map, x, options, out var newton);
        attempts.Add(newton);
        report = Combine(attempts);
        if (!nk && !Vec.AllFinite(x))
        {
            // Every method failed and the last left NaN or infinity: the caller gets its warm start back, not garbage.
            start.CopyTo(x);
        }

        return nk;
    }

    /// <summary>Solves many independent systems in parallel (one system and model instance per item, since
    /// systems are not thread-safe), each from its own warm start, each with its own report.</summary>
    public static IReadOnlyList<(double[] State, SolveReport Report)> SolveMany(
        IReadOnlyList<EquilibriumSystem> systems,
        EquilibriumSolverOptions? options = null,
        IReadOnlyList<double[]>? warmStarts = null,
        int maxDegreeOfParallelism = -1)
    {
        var results = new (double[], SolveReport)[systems.Count];
        var distinct = new HashSet<IEquilibriumModel>(ReferenceEqualityComparer.Instance);
        foreach (var s in systems)
        {
            if (!distinct.Add(s.Model))
            {
                throw new ArgumentException("SolveMany needs one model instance per system: generated models keep a workspace and are not thread-safe.", nameof(systems));
            }
        }

        Parallel.For(0, systems.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            var solver = new EquilibriumSolver(options);
            var x = warmStarts?[i] is { } w ? (double[])w.Clone() : new double[systems[i].Dimension];
            solver.TrySolve(systems[i], x, out var report);
            results[i] = (x, report);
        });
        return results;
    }

    private bool TrySolveWith(EquilibriumMethod method, IFixedPointMap map, Span<double> x, bool affine, out SolveReport report)
    {
        var options = Options.Tolerances;
        switch (method)
        {
            case EquilibriumMethod.Anderson:
                return Anderson.TrySolve(map, x, options, out report);
            case EquilibriumMethod.NewtonKrylov:
                return _newton.TrySolve(map, x, options, out report);
            case EquilibriumMethod.Direct when affine:
                bool ok = _direct.TrySolve(map, x, options, out report);
                LastFactorization = _direct.Factorization;
                return ok;
            case EquilibriumMethod.Direct:
                throw new InvalidOperationException("EquilibriumSolverOptions.Method = Direct needs a map affine in the state with Jacobian rows (an EquilibriumSystem of a model the generator marks affine, without overrides).");
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown equilibrium method.");
        }
    }

    private static SolveReport Combine(List<SolveReport> attempts) => SolveReport.Combine(attempts);

    // An affine map whose I - J is singular has no unique equilibrium: no other method can give one, so the policy
    // stops with that reason and the warm start back.
    private static bool Finish(List<SolveReport> attempts, bool ok, Span<double> x, double[] start, out SolveReport report)
    {
        report = Combine(attempts);
        if (!ok)
        {
            start.CopyTo(x);
        }

        return ok;
    }
}
