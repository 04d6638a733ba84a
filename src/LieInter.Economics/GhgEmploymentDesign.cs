using LieInter.Differentiation;
using LieInter.Models;
using LieInter.Optimization;
using LieInter.Solvers;

namespace LieInter.Economics;

/// <summary>Settings of the GHG-versus-employment intervention design (eq. 5 of the paper).</summary>
public sealed record GhgEmploymentOptions
{
    /// <summary>Bounds on each sector's multiplier alpha_i = e^{u_i}: by default demand for a sector's output may be
    /// cut to a fifth, never raised (raising it can only add emissions).</summary>
    public double MinMultiplier { get; init; } = 0.2;

    public double MaxMultiplier { get; init; } = 1.0;

    /// <summary>Lambda values, largest first. Null: a geometric grid from just above the largest marginal
    /// emissions-per-job ratio at u = 0 (where no intervention pays) down by <see cref="LambdaRange"/>.</summary>
    public IReadOnlyList<double>? Lambdas { get; init; }

    public int LambdaCount { get; init; } = 14;

    public double LambdaRange { get; init; } = 60;

    /// <summary>Smoothing of the L1 term, relative to the total reference employment: |z| is replaced by
    /// sqrt(z^2 + w^2) - w, continuation from the initial to the final width. The reported objective is exact.</summary>
    public double InitialSmoothing { get; init; } = 1e-3;

    public double FinalSmoothing { get; init; } = 1e-7;

    public LbfgsOptions Optimizer { get; init; } = new() { MaxEvaluations = 400, GradientTolerance = 1e-9, RelativeObjectiveTolerance = 1e-12 };

    public EquilibriumSolverOptions? Solver { get; init; }
}

/// <summary>One point of the trade-off curve, in the units of the data and as changes against the reference.</summary>
public sealed record TradeOffPoint(
    double Lambda,
    double Ghg,
    double GhgChangePercent,
    double Employment,
    double EmploymentChangePercent,
    double EmploymentDeviationPercent,
    double[] Multipliers,
    double[] Output,
    int Iterations,
    int Evaluations,
    TimeSpan Elapsed,
    bool Converged,
    string ExitReason);

/// <summary>
/// Designs a distributed multiplicative Lie intervention on every sector of a Leontief economy (eq. 5 of the
/// paper): x_i = alpha_i (A x + y)_i, minimising GHG emissions c^T x plus lambda times the L1 deviation of sectoral
/// employment from the unintervened economy, || e ∘ (x - x*) ||_1. Both terms are normalised by their reference
/// totals, so lambda is the percentage of emissions worth one percent of employment moved. Equilibria and
/// gradients come from the generated <see cref="LeontiefQuantityModel"/> through <see cref="DifferentiableEquilibrium"/>;
/// L-BFGS-B with smoothing continuation sweeps lambda from large to small, warm-starting each point.
/// </summary>
public sealed class GhgEmploymentDesign
{
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
        ReferenceGhg = Dot(data.GhgIntensity, Reference);
        ReferenceEmployment = Dot(data.EmploymentIntensity, Reference);
        if (!(ReferenceGhg > 0) || !(ReferenceEmployment > 0))
        {
            throw new ArgumentException($"Table '{data.Table}': reference {data.GhgName} ({ReferenceGhg}) and {data.EmploymentName} ({ReferenceEmployment}) must be positive.");
        }

        Ghg = new LinearStateTerm("GHG", data.GhgIntensity.Select(c => c / ReferenceGhg).ToArray());
        EmploymentDeviation = new L1DeviationTerm("Employment deviation", data.EmploymentIntensity.Select(e => e / ReferenceEmployment).ToArray(), Reference, Options.InitialSmoothing);
        Layer = new EquilibriumLayer(Equilibrium);
        Objective = new InterventionObjective(Layer).Add(Ghg).Add(EmploymentDeviation, 1.0);
        Bounds = BoxBounds.Uniform(n, Math.Log(Options.MinMultiplier), Math.Log(Options.MaxMultiplier));
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

    /// <summary>Runs the lambda path and returns the trade-off curve (and the raw path result).</summary>
    public (IReadOnlyList<TradeOffPoint> Points, LambdaPathResult Path) Sweep(Action<int, int>? progress = null)
    {
        var lambdas = Options.Lambdas ?? DefaultLambdas();
        var points = new List<TradeOffPoint>();
        var continuation = new ContinuationOptions { InitialWidth = Options.InitialSmoothing, FinalWidth = Options.FinalSmoothing };
        var u = new double[Reference.Length];
        var results = new List<LambdaPathPoint>();
        var clock = global::System.Diagnostics.Stopwatch.StartNew();
        for (int k = 0; k < lambdas.Count; k++)
        {
            // One lambda at a time (the path API warm-starts the same way) so progress can be reported.
            var result = LambdaPath.Sweep(Objective, Ghg, EmploymentDeviation, [lambdas[k]], u, new LambdaPathOptions
            {
                Optimizer = Options.Optimizer,
                Continuation = continuation,
                Bounds = Bounds,
            });
            var p = result.Points[0];
            results.Add(p);
            u = p.U;
            points.Add(Summarise(p));
            progress?.Invoke(k + 1, lambdas.Count);
        }

        var path = new LambdaPathResult
        {
            Points = results,
            Violations = LambdaPath.Diagnose(results, EmploymentDeviation.SmoothingErrorBound),
            Elapsed = clock.Elapsed,
        };
        return (points, path);
    }

    /// <summary>The sectors with the largest employment reduction at a point, with the change in the employment
    /// unit of the data.</summary>
    public IReadOnlyList<(Sector Sector, double EmploymentChange, double Multiplier)> LargestEmploymentReductions(TradeOffPoint point, int count = 6)
    {
        var e = Data.EmploymentIntensity;
        return Enumerable.Range(0, Reference.Length)
            .Select(i => (Data.Sectors[i], e[i] * (point.Output[i] - Reference[i]), point.Multipliers[i]))
            .OrderBy(t => t.Item2)
            .Take(count)
            .ToList();
    }

    private TradeOffPoint Summarise(LambdaPathPoint p)
    {
        Layer.TrySolve(p.U, new double[Reference.Length]);
        var x = Equilibrium.State.ToArray();
        double ghg = Dot(Data.GhgIntensity, x);
        double employment = Dot(Data.EmploymentIntensity, x);
        double deviation = 0;
        for (int i = 0; i < x.Length; i++)
        {
            deviation += Math.Abs(Data.EmploymentIntensity[i] * (x[i] - Reference[i]));
        }

        return new TradeOffPoint(
            p.Lambda,
            ghg,
            100 * (ghg / ReferenceGhg - 1),
            employment,
            100 * (employment / ReferenceEmployment - 1),
            100 * deviation / ReferenceEmployment,
            p.U.Select(Math.Exp).ToArray(),
            x,
            p.Iterations,
            p.Evaluations,
            p.Elapsed,
            p.Converged,
            p.ExitReason.ToString());
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
