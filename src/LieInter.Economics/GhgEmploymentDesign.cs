using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Models;
using LieInter.Optimization;
using LieInter.Solvers;

namespace LieInter.Economics;

/// <summary>
/// Designs a distributed multiplicative Lie intervention on every sector of a Leontief economy (eq. 5 of the
/// paper): x_i = alpha_i (A x + y)_i, minimising GHG emissions c^T x plus lambda times the L1 deviation of sectoral
/// employment from the unintervened economy, || e ∘ (x - x*) ||_1. Both terms are normalised by their reference
/// totals, so lambda is the percentage of emissions worth one percent of employment moved. Equilibria and
/// sensitivities come from the generated <see cref="LeontiefQuantityModel"/> through <see cref="DifferentiableEquilibrium"/>;
/// the exact-L1 trust region (<see cref="TrustRegionL1Optimizer"/>) sweeps lambda from large to small, starting each
/// point from the better of the previous point and the global optimum of the equivalent linear program
/// (<see cref="LeontiefDesignProgram"/>), against which each point is also certified.
/// </summary>
public sealed class GhgEmploymentDesign
{
    private readonly double _largestReference;

    public GhgEmploymentDesign(LeontiefProblemData data, GhgEmploymentOptions? options = null)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        Options = options ?? new GhgEmploymentOptions();
        if (!(Options.MinMultiplier > 0 && Options.MinMultiplier <= Options.MaxMultiplier))
        {
            throw new ArgumentException($"Multiplier bounds must satisfy 0 < min <= max; got [{Options.MinMultiplier}, {Options.MaxMultiplier}].", nameof(options));
        }

        int n = data.Sectors.Count;
        Model = new LeontiefQuantityModel(data.A, data.FinalDemand);
        System = new EquilibriumSystem(Model);
        Equilibrium = new DifferentiableEquilibrium(System, Options.Solver);
        Equilibrium.Solve();
        Reference = Equilibrium.State.ToArray();
        _largestReference = Reference.Max(Math.Abs);
        ReferenceGhg = Dot(data.GhgIntensity, Reference);
        ReferenceEmployment = Dot(data.EmploymentIntensity, Reference);
        if (!(ReferenceGhg > 0) || !(ReferenceEmployment > 0))
        {
            throw new ArgumentException($"Table '{data.Table}': reference {data.GhgName} ({ReferenceGhg}) and {data.EmploymentName} ({ReferenceEmployment}) must be positive.");
        }

        Ghg = new LinearStateTerm("GHG", data.GhgIntensity.Select(c => c / ReferenceGhg).ToArray());
        EmploymentDeviation = new L1DeviationTerm("Employment deviation", data.EmploymentIntensity.Select(e => e / ReferenceEmployment).ToArray(), Reference, Options.Method == DesignMethod.SmoothedLbfgs ? Options.InitialSmoothing : 0);
        Layer = new EquilibriumLayer(Equilibrium) { Admissible = Options.KeepOutputSigns ? SignPreserved : null };
        Objective = new InterventionObjective(Layer).Add(Ghg).Add(EmploymentDeviation, 1.0);
        Bounds = BoxBounds.Uniform(n, Math.Log(Options.MinMultiplier), Math.Log(Options.MaxMultiplier));
        OutputSigns = new BoxBounds(
            Reference.Select(r => r < 0 ? double.NegativeInfinity : 0).ToArray(),
            Reference.Select(r => r < 0 ? 0 : double.PositiveInfinity).ToArray());
    }

    public LeontiefProblemData Data { get; }

    public GhgEmploymentOptions Options { get; }

    public LeontiefQuantityModel Model { get; }

    public EquilibriumSystem System { get; }

    public DifferentiableEquilibrium Equilibrium { get; }

    public EquilibriumLayer Layer { get; }

    /// <summary>eq. (5) with normalised terms; its deviation weight is lambda.</summary>
    public InterventionObjective Objective { get; }

    public LinearStateTerm Ghg { get; }

    public L1DeviationTerm EmploymentDeviation { get; }

    public BoxBounds Bounds { get; }

    /// <summary>Outputs keep the sign they have in the reference: x_i &gt;= 0, or x_i &lt;= 0 on the few sectors of
    /// negative output (negative final demand). Optima can sit on these bounds: a sector whose demand is driven to
    /// zero.</summary>
    public BoxBounds OutputSigns { get; }

    /// <summary>The unintervened equilibrium x*.</summary>
    public double[] Reference { get; }

    public double ReferenceGhg { get; }

    public double ReferenceEmployment { get; }

    /// <summary>The lambda above which no intervention pays: max over sectors of the marginal normalised emissions
    /// saved per unit of normalised employment deviation when cutting that sector at u = 0.</summary>
    public double CriticalLambda()
    {
        int n = Reference.Length;
        var gradGhg = new double[n];
        Equilibrium.SetState(Reference);
        System.Coordinates.Clear();
        Equilibrium.Solve();
        Equilibrium.Backpropagate(Ghg.Coefficients, Span<double>.Empty, gradGhg);
        double best = 0;
        var dx = new double[n];
        var du = new double[n];
        var weights = EmploymentDeviation.Weights;
        for (int i = 0; i < n; i++)
        {
            Array.Clear(du);
            du[i] = -1;
            if (!Equilibrium.TryTangent(Span<double>.Empty, du, dx, out var report))
            {
                throw new EquilibriumNotConvergedException(report);
            }

            double deviation = 0;
            for (int k = 0; k < n; k++)
            {
                deviation += weights[k] * Math.Abs(dx[k]);
            }

            double saved = gradGhg[i];
            if (deviation > 0 && saved > 0)
            {
                best = Math.Max(best, saved / deviation);
            }
        }

        return best;
    }

    public IReadOnlyList<double> DefaultLambdas()
    {
        double top = 1.05 * CriticalLambda();
        int count = Math.Max(2, Options.LambdaCount);
        return Enumerable.Range(0, count).Select(k => top * Math.Pow(Options.LambdaRange, -(double)k / (count - 1))).ToList();
    }

    /// <summary>Runs the lambda path and returns the trade-off curve (and the raw path result).
    /// <paramref name="progress"/> hears of each finished point.</summary>
    public (IReadOnlyList<TradeOffPoint> Points, LambdaPathResult Path) Sweep(Action<LambdaPathProgress>? progress = null, CancellationToken cancellation = default)
    {
        var lambdas = Options.Lambdas ?? DefaultLambdas();
        using var certificate = Options.CertifyGlobalOptimum ? GlobalProgram() : null;
        var global = new Dictionary<double, LeontiefDesignSolution>();
        LeontiefDesignSolution GlobalAt(double lambda)
        {
            if (!global.TryGetValue(lambda, out var solution))
            {
                solution = certificate!.Solve(lambda);
                global[lambda] = solution;
            }

            return solution;
        }

        Func<double, double[]?>? candidate = certificate is not null && Options.StartFromGlobalOptimum
            ? lambda => GlobalAt(lambda) is { Verified: true } s ? s.Multipliers.Select(v => Math.Log(v)).ToArray() : null
            : null;
        var path = LambdaPath.Sweep(Objective, Ghg, EmploymentDeviation, lambdas, new double[Reference.Length], new LambdaPathOptions
        {
            Method = Options.Method,
            TrustRegion = Options.TrustRegion,
            Optimizer = Options.Optimizer,
            Continuation = Options.Method == DesignMethod.SmoothedLbfgs ? new ContinuationOptions { InitialWidth = Options.InitialSmoothing, FinalWidth = Options.FinalSmoothing } : null,
            Bounds = Bounds,
            CandidateStart = candidate,
            StateBounds = Options.KeepOutputSigns ? OutputSigns : null,
            Progress = progress,
            CancellationToken = cancellation,
        });
        var points = path.Points.Select(p => Summarise(p, certificate is null ? null : GlobalAt(p.Lambda))).ToList();
        return (points, path);
    }

    /// <summary>Eq. (5) of this design as one linear program in x (its global optimum, see <see cref="LeontiefDesignProgram"/>).</summary>
    public LeontiefDesignProgram GlobalProgram()
    {
        int n = Reference.Length;
        return new LeontiefDesignProgram(Data.A, Data.FinalDemand, Ghg.Coefficients.ToArray(), EmploymentDeviation.Weights.ToArray(), Reference,
            Enumerable.Repeat(Options.MinMultiplier, n).ToArray(), Enumerable.Repeat(Options.MaxMultiplier, n).ToArray());
    }

    /// <summary>The sectors with the largest employment reduction at a point, with the change in the employment
    /// unit of the data and whether the policy cut the sector itself.</summary>
    public IReadOnlyList<SectorEmploymentChange> LargestEmploymentReductions(TradeOffPoint point, int count = 6)
    {
        var e = Data.EmploymentIntensity;
        return Enumerable.Range(0, Reference.Length)
            .Select(i => new SectorEmploymentChange(Data.Sectors[i], e[i] * (point.Output[i] - Reference[i]), point.Multipliers[i], point.Multipliers[i] < 1))
            .OrderBy(t => t.EmploymentChange)
            .Take(count)
            .ToList();
    }

    /// <summary>A path point in the units of the data, from the equilibrium the path recorded (no second solve).</summary>
    private TradeOffPoint Summarise(LambdaPathPoint p, LeontiefDesignSolution? certificate)
    {
        var x = p.State;
        double ghg = Dot(Data.GhgIntensity, x);
        double employment = Dot(Data.EmploymentIntensity, x);
        double deviation = 0;
        for (int i = 0; i < x.Length; i++)
        {
            deviation += Math.Abs(Data.EmploymentIntensity[i] * (x[i] - Reference[i]));
        }

        double global = certificate is { Verified: true } exact ? exact.Objective : double.NaN;

        return new TradeOffPoint(
            p.Lambda,
            p.Objective,
            ghg,
            100 * (ghg / ReferenceGhg - 1),
            employment,
            100 * (employment / ReferenceEmployment - 1),
            100 * deviation / ReferenceEmployment,
            p.U.Select(Math.Exp).ToArray(),
            x,
            p.Iterations,
            p.Evaluations,
            p.Result.Factorizations,
            p.Elapsed,
            p.Converged,
            p.ExitReason,
            p.OptimalityMeasure,
            p.AtLowerBound,
            p.AtUpperBound,
            global);
    }

    /// <summary>Every output keeps the sign it has in the reference (nonnegative, except for the few sectors of
    /// negative output that negative final demand gives some tables); a solve beyond that, where diag(alpha) A nears
    /// a unit spectral radius, is an equilibrium with no economic meaning.</summary>
    private bool SignPreserved(ReadOnlySpan<double> x)
    {
        // A sector the optimum shuts down has x_i = 0 up to the solve's tolerance: allow that much.
        double slack = 1e-7 * _largestReference;
        for (int i = 0; i < x.Length; i++)
        {
            if (!(Reference[i] < 0 ? x[i] <= slack : x[i] >= -slack))
            {
                return false;
            }
        }

        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => LieInter.Generated.Kernels.Dot(a, b);
}
