using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Models;
using LieInter.Optimization;
using LieInter.Solvers;

namespace LieInter.Economics;

/// <summary>Settings of the GHG-versus-employment intervention design (eq. 5 of the paper).</summary>
public sealed record GhgEmploymentOptions
{
    /// <summary>The default number of lambda values on the path (the one place this default is stated).</summary>
    public const int DefaultLambdaCount = 16;

    /// <summary>Bounds on each sector's multiplier alpha_i = e^{u_i}: by default [0.2, 5], so that demand may be cut
    /// to a fifth or raised fivefold, as the paper's alpha = e^u allows; raising a sector is how eq. (5) can absorb jobs
    /// lost elsewhere. Multipliers above 1 can push the spectral radius of diag(alpha) A to 1 or give negative
    /// outputs; such points are refused (no equilibrium, or one with no economic meaning) and the optimiser steps
    /// back. MaxMultiplier = 1 is the one-sided box, where demand can only be cut and the equilibrium only falls.</summary>
    public double MinMultiplier { get; init; } = DefaultMinMultiplier;

    public double MaxMultiplier { get; init; } = DefaultMaxMultiplier;

    public const double DefaultMinMultiplier = 0.2;

    public const double DefaultMaxMultiplier = 5.0;

    /// <summary>Lambda values, largest first. Null: a geometric grid from just above the largest marginal
    /// emissions-per-job ratio at u = 0 (where no intervention pays) down by <see cref="LambdaRange"/>.</summary>
    public IReadOnlyList<double>? Lambdas { get; init; }

    public int LambdaCount { get; init; } = DefaultLambdaCount;

    public double LambdaRange { get; init; } = 60;

    /// <summary>How each point is minimised: exact L1 by default; L-BFGS-B with smoothing continuation on request.</summary>
    public DesignMethod Method { get; init; } = DesignMethod.ExactL1;

    /// <summary>Settings of the exact-L1 trust region (relative optimality tolerance 1e-9 by default).</summary>
    public TrustRegionL1Options TrustRegion { get; init; } = new();

    /// <summary>Smoothing of the L1 term for <see cref="DesignMethod.SmoothedLbfgs"/>, relative to the total reference
    /// employment: |z| is replaced by sqrt(z^2 + w^2) - w, continuation from the initial to the final width. The
    /// reported objective is exact.</summary>
    public double InitialSmoothing { get; init; } = 1e-3;

    public double FinalSmoothing { get; init; } = 1e-7;

    public LbfgsOptions Optimizer { get; init; } = new() { MaxEvaluations = 400, GradientTolerance = 1e-9, RelativeObjectiveTolerance = 1e-12 };

    /// <summary>Also solve eq. (5) as one linear program in x (<see cref="LeontiefDesignProgram"/>) at every point
    /// and report its global optimum beside the optimiser's; a certificate that costs milliseconds on national
    /// tables.</summary>
    public bool CertifyGlobalOptimum { get; init; } = true;

    /// <summary>Keep every output at the sign it has in the reference (see <see cref="GhgEmploymentDesign.OutputSigns"/>):
    /// equilibria beyond are refused and the trust region keeps its steps inside. Off only to study the equilibrium
    /// map itself (its derivatives, say) where a table's near-zero sectors would flip sign.</summary>
    public bool KeepOutputSigns { get; init; } = true;

    /// <summary>Start each point from the linear program's global optimum when it beats the previous point's optimum
    /// (needs <see cref="CertifyGlobalOptimum"/>). The optimiser then confirms first-order optimality of the exact
    /// objective in a step or two instead of descending to a local optimum; turn it off to compare optimisers.</summary>
    public bool StartFromGlobalOptimum { get; init; } = true;

    public EquilibriumSolverOptions? Solver { get; init; }
}

/// <summary>One point of the trade-off curve, in the units of the data and as changes against the reference.</summary>
/// <param name="Lambda">The deviation weight.</param>
/// <param name="Objective">The exact eq. (5) objective (normalised terms).</param>
/// <param name="Ghg">Emissions c^T x in the data's unit.</param>
/// <param name="GhgChangePercent">Change of emissions against the reference.</param>
/// <param name="Employment">Total employment e^T x.</param>
/// <param name="EmploymentChangePercent">Change of total employment against the reference.</param>
/// <param name="EmploymentDeviationPercent">Employment moved, sum_i |e_i (x_i - x*_i)|, as a percentage of the reference total.</param>
/// <param name="Multipliers">alpha, one per sector.</param>
/// <param name="Output">The equilibrium output under alpha.</param>
/// <param name="Iterations">Optimiser iterations.</param>
/// <param name="Evaluations">Equilibrium solves.</param>
/// <param name="Factorizations">Factorisations of I - Jx made for sensitivities.</param>
/// <param name="Elapsed">Wall time of the point.</param>
/// <param name="Converged">Whether a convergence test ended the optimisation.</param>
/// <param name="ExitReason">Why it stopped.</param>
/// <param name="OptimalityMeasure">First-order optimality measure in objective units (NaN when not measured).</param>
/// <param name="AtLowerBound">Sectors whose multiplier sits at the lower bound.</param>
/// <param name="AtUpperBound">Sectors whose multiplier sits at the upper bound.</param>
/// <param name="GlobalObjective">The LP's global optimum of eq. (5) (NaN when not certified).</param>
public sealed record TradeOffPoint(
    double Lambda,
    double Objective,
    double Ghg,
    double GhgChangePercent,
    double Employment,
    double EmploymentChangePercent,
    double EmploymentDeviationPercent,
    double[] Multipliers,
    double[] Output,
    int Iterations,
    int Evaluations,
    int Factorizations,
    TimeSpan Elapsed,
    bool Converged,
    OptimizationExitReason ExitReason,
    double OptimalityMeasure,
    IReadOnlyList<int> AtLowerBound,
    IReadOnlyList<int> AtUpperBound,
    double GlobalObjective)
{
    /// <summary>Objective minus the certified global optimum (NaN when not certified); at most the LP's tolerance
    /// when the optimiser found the global optimum.</summary>
    public double GlobalGap => Objective - GlobalObjective;
}

/// <summary>A sector among the largest employment reductions at a point.</summary>
/// <param name="Sector">The sector.</param>
/// <param name="EmploymentChange">Its employment change in the data's unit.</param>
/// <param name="Multiplier">Its multiplier alpha_i.</param>
/// <param name="CutByPolicy">True when the policy cut the sector's own demand (alpha_i &lt; 1); false when it lost
/// jobs only through its suppliers and customers.</param>
public sealed record SectorEmploymentChange(Sector Sector, double EmploymentChange, double Multiplier, bool CutByPolicy);

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
