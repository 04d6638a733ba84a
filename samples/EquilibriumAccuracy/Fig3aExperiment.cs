using System.Diagnostics;
using LieInter;
using LieInter.Economics;
using LieInter.Equilibrium;
using LieInter.Models;
using LieInter.Solvers;

namespace EquilibriumAccuracy;

/// <summary>What to run: data, dimension grids, iteration budgets.</summary>
public sealed record Fig3aSettings
{
    /// <summary>The real-data folder (holds wiod2016/ and useeio/); null = <see cref="DataRoot.Resolve()"/>.</summary>
    public string? DataRoot { get; init; }

    public IReadOnlyList<string> WiodCountries { get; init; } = ["CAN", "DEU", "FRA", "GBR", "USA"];

    /// <summary>WIOD years to use; null = every year shipped (2000-2014).</summary>
    public IReadOnlyList<int>? WiodYears { get; init; }

    /// <summary>Leading-block sizes of the 56-sector WIOD tables.</summary>
    public IReadOnlyList<int> WiodDimensions { get; init; } = [5, 10, 20, 30, 40, 56];

    /// <summary>Leading-block sizes of USEEIO v2.0.1 (411 sectors); empty = skip USEEIO.</summary>
    public IReadOnlyList<int> UseeioDimensions { get; init; } = [5, 25, 50, 100, 200, 300, 411];

    public IReadOnlyList<int> Budgets { get; init; } = [20, 200];

    /// <summary>Methods by <see cref="Fig3aMethod.Key"/>; null = all of <see cref="Fig3aExperiment.Methods"/>.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>How a leading block is cut from a table.</summary>
    public Fig3aBlocks Blocks { get; init; } = Fig3aBlocks.Reference;
}

/// <summary>How the k-sector leading block of a table is made.</summary>
public enum Fig3aBlocks
{
    /// <summary>The reference script's truncation: A[:k, :k] and the first k entries of total final demand.</summary>
    Reference,

    /// <summary>Output-preserving: deliveries to the dropped sectors move into final demand, so the block's
    /// solution is the table's output of those k sectors.</summary>
    OutputPreserving,
}

/// <summary>One fixed-point method of the comparison.</summary>
/// <param name="Key">Short identifier used in the CSV ("forward", "anderson-b1-paper", ...).</param>
/// <param name="Label">Legend text.</param>
/// <param name="Formulation">What exactly runs (written to the CSVs): the formulation, its settings and its stopping
/// rule.</param>
/// <param name="RunsFullBudget">True when the method runs exactly the budget (tolerances 0); false for the paper's
/// methods (the reference's stopping rule, tol 1e-12) and the default policy (its own tolerances; it may factorise).</param>
public sealed record Fig3aMethod(string Key, string Label, string Formulation, bool RunsFullBudget, Func<EquilibriumSystem, int, double[], SolveReport> Run);

/// <summary>The result of one solve on one table at one dimension and budget.</summary>
/// <param name="RelativeError">||x - f(x)|| / ||x|| at the layer's output x = f(z) of the returned iterate z, as the
/// reference measures it (NaN or infinity when the run blew up: kept, never dropped).</param>
/// <param name="SolutionError">||x - x*|| / ||x*|| against x* from a MathNet LU solve of (I - A) x* = y: the
/// accuracy the residual stands for (a floating-point fixed point can have a zero residual and still differ from x*
/// by a few ulps times the conditioning).</param>
/// <param name="Solver">What actually ran (for the default policy: which path, e.g. "direct LU (affine)").</param>
public sealed record Fig3aRun(
    string Dataset, string Table, int Dimension, string Method, int Budget, double RelativeError, double SolutionError, SolveExitReason ExitReason, int Iterations, string Solver);

/// <summary>Statistics over the tables of one dataset for one (dimension, method, budget). Mean and std are over all
/// runs (population std, as numpy's default); a single non-finite run makes them NaN, and <see cref="NonFinite"/>
/// counts such runs. <see cref="SolutionErrorMean"/> and <see cref="SolutionErrorMax"/> summarise
/// <see cref="Fig3aRun.SolutionError"/> the same way.</summary>
public sealed record Fig3aSummary(
    int Dimension, string Dataset, string Method, int Budget, double Mean, double Std, int Count, double Min, double Max, int NonFinite,
    double SolutionErrorMean, double SolutionErrorMax);

/// <summary>A Fig. 3a run: every solve, the summary per method and budget, and the time spent loading and solving.</summary>
public sealed record Fig3aResult(IReadOnlyList<Fig3aRun> Runs, IReadOnlyList<Fig3aSummary> Summary, TimeSpan LoadTime, TimeSpan SolveTime);

/// <summary>
/// Fig. 3a of the paper: relative error ||x - f(x)|| / ||x|| of the Leontief equilibrium x = A x + y after a fixed
/// iteration budget, against the model dimension (leading principal blocks of real tables), run as the paper's
/// optimConvergenceUAIallyear.py runs it: forward iteration and the paper's constrained Anderson (m = 5, lambda =
/// 1e-4, beta = 1 and 2) with the reference's stopping rule at tol 1e-12, the error taken at the layer's output f(z*).
/// Beside them the difference-form Anderson (what an earlier port ran as "the paper's"), the safeguarded Anderson
/// of this library and the default solve policy.
/// </summary>
public static class Fig3aExperiment
{
    public const string Wiod = "WIOD";
    public const string Useeio = "USEEIO";

    /// <summary>The reference script's tolerance for the paper's methods (optimConvergenceUAIallyear.py: tol=1e-12).</summary>
    public const double PaperTolerance = 1e-12;

    /// <summary>The compared methods, in legend order: the paper's three (ported exactly, with the reference's
    /// stopping rule), the difference-form Anderson an earlier port ran in their place, and this library's two.</summary>
    public static IReadOnlyList<Fig3aMethod> Methods { get; } =
    [
        new("forward", "forward iteration (paper)", "forward iteration x <- f(x) (reference forward_iteration); stop at ||f(x) - x|| / (1e-5 + ||f(x)||) < 1e-12", false, RunPaperForward),
        new("anderson-b1-paper", "Anderson beta = 1 (paper)", "constrained Anderson, bordered KKT (reference anderson): m 5, lambda 1e-4 absolute, beta 1; stop at ||f(x) - x|| / (1e-5 + ||f(x)||) < 1e-12", false, (s, b, x) => RunPaperAnderson(1.0, s, b, x)),
        new("anderson-b2-paper", "Anderson beta = 2 (paper)", "constrained Anderson, bordered KKT (reference anderson): m 5, lambda 1e-4 absolute, beta 2; stop at ||f(x) - x|| / (1e-5 + ||f(x)||) < 1e-12", false, (s, b, x) => RunPaperAnderson(2.0, s, b, x)),
        new("anderson-b1-difference", "Anderson beta = 1, difference form", "difference-form (type II, Walker-Ni) Anderson: m 5, reg 1e-4 absolute on residual differences, beta 1, no safeguard; full budget", true, (s, b, x) => RunFixedBudget(new AndersonAcceleration(AndersonOptions.DifferenceForm(1.0)), s, b, x)),
        new("anderson-b2-difference", "Anderson beta = 2, difference form", "difference-form (type II, Walker-Ni) Anderson: m 5, reg 1e-4 absolute on residual differences, beta 2, no safeguard; full budget", true, (s, b, x) => RunFixedBudget(new AndersonAcceleration(AndersonOptions.DifferenceForm(2.0)), s, b, x)),
        new("anderson-safeguarded", "safeguarded Anderson (ours)", "difference-form Anderson with relative regularisation, safeguard and restarts (AndersonAcceleration defaults, m 6); full budget", true, (s, b, x) => RunFixedBudget(new AndersonAcceleration(EquilibriumSolverOptions.Default.Anderson), s, b, x)),
        new("default-policy", "default policy (ours)", "EquilibriumSolver default policy (LU or Anderson by measured cost), its own tolerances, budget as iteration limit", false, RunDefaultPolicy),
    ];

    /// <summary>The reference's forward_iteration: f0 = f(x0), then max_iter times x = f0, f0 = f(x), stopping by its
    /// rule; it returns f0 (the budget counts iterations after the first evaluation).</summary>
    private static SolveReport RunPaperForward(EquilibriumSystem system, int budget, double[] x)
    {
        var clock = Stopwatch.StartNew();
        var f0 = new double[x.Length];
        var next = new double[x.Length];
        system.Evaluate(x, f0);
        int k = 0;
        double rel = double.NaN, residual = double.NaN;
        var reason = SolveExitReason.IterationLimit;
        while (k < budget)
        {
            f0.CopyTo(x, 0);
            system.Evaluate(x, next);
            (f0, next) = (next, f0);
            k++;
            residual = Math.Sqrt(f0.Zip(x, (a, b) => (a - b) * (a - b)).Sum());
            rel = residual / (1e-5 + Math.Sqrt(f0.Sum(v => v * v)));
            if (!double.IsFinite(rel))
            {
                reason = SolveExitReason.NotANumber;
                break;
            }

            if (rel < PaperTolerance)
            {
                reason = SolveExitReason.Converged;
                break;
            }
        }

        f0.CopyTo(x, 0);
        return new SolveReport
        {
            Solver = "forward iteration (reference)",
            Converged = reason == SolveExitReason.Converged,
            ExitReason = reason,
            Iterations = k,
            ResidualNorm = residual,
            RelativeResidual = rel,
            Threshold = PaperTolerance,
            ResidualHistory = [],
            Elapsed = clock.Elapsed,
            FunctionEvaluations = k + 1,
        };
    }

    private static SolveReport RunPaperAnderson(double beta, EquilibriumSystem system, int budget, double[] x)
    {
        new PaperAnderson(new PaperAndersonOptions { Mixing = beta, Tolerance = PaperTolerance })
            .TrySolve(system, x, new SolverOptions { MaxIterations = Math.Max(budget, 3), RecordHistory = false }, out var report);
        return report;
    }

    /// <summary>Iteration options that run exactly <paramref name="budget"/> iterations: zero tolerances, no
    /// divergence or stagnation exit. Only a NaN/infinity (or an exactly zero residual) stops a run earlier.</summary>
    public static SolverOptions FixedBudget(int budget) => new()
    {
        AbsoluteTolerance = 0,
        RelativeTolerance = 0,
        MaxIterations = budget,
        DivergenceFactor = double.PositiveInfinity,
        StagnationWindow = int.MaxValue,
        RecordHistory = false,
    };

    private static SolveReport RunFixedBudget(IFixedPointSolver solver, EquilibriumSystem system, int budget, double[] x)
    {
        solver.TrySolve(system, x, FixedBudget(budget), out var report);
        return report;
    }

    /// <summary>The default policy as a user gets it, with its own tolerances and the budget as iteration limit:
    /// it stops when converged, and it may factorise (small affine models, or after Anderson fails) instead of
    /// iterating. A failed solve is recorded with the residual of the point it left.</summary>
    private static SolveReport RunDefaultPolicy(EquilibriumSystem system, int budget, double[] x)
    {
        var solver = new EquilibriumSolver(new EquilibriumSolverOptions
        {
            Tolerances = SolverOptions.Default with { MaxIterations = budget, RecordHistory = false },
        });
        solver.TrySolve(system, x, out var report);
        return report;
    }

    /// <summary>||x - f(x)||_2 / ||x||_2, computed from a fresh evaluation of f.</summary>
    public static double RelativeError(IFixedPointMap map, ReadOnlySpan<double> x)
    {
        var fx = new double[x.Length];
        map.Evaluate(x, fx);
        double r = 0, nx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - fx[i];
            r += d * d;
            nx += x[i] * x[i];
        }

        return Math.Sqrt(r) / Math.Sqrt(nx);
    }

    /// <summary>The k-sector leading block of a table: A and y.</summary>
    public static (double[,] A, double[] Y) Block(InputOutputTable table, int k, Fig3aBlocks blocks)
    {
        if (blocks == Fig3aBlocks.OutputPreserving)
        {
            var block = table.LeadingBlock(k);
            return (block.TechnicalCoefficientsArray(), block.FinalDemand.ToArray());
        }

        // optimConvergenceUAIallyear.py: A[:k, :k] and np.sum(y[:k, :], 1), the first k entries of total final demand.
        var full = table.TechnicalCoefficientsArray();
        var a = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                a[i, j] = full[i, j];
            }
        }

        return (a, table.FinalDemand.Slice(0, k).ToArray());
    }

    /// <summary>x* = (I - A)^-1 y by MathNet's LU with partial pivoting (independent of the library's solvers).</summary>
    public static double[] DirectSolution(double[,] a, double[] y)
    {
        int n = y.Length;
        var m = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.Create(n, n, (i, j) => (i == j ? 1.0 : 0.0) - a[i, j]);
        return m.LU().Solve(MathNet.Numerics.LinearAlgebra.Double.DenseVector.OfArray(y)).ToArray();
    }

    /// <summary>||x - reference|| / ||reference||.</summary>
    public static double Distance(ReadOnlySpan<double> x, ReadOnlySpan<double> reference)
    {
        double d = 0, r = 0;
        for (int i = 0; i < x.Length; i++)
        {
            d += (x[i] - reference[i]) * (x[i] - reference[i]);
            r += reference[i] * reference[i];
        }

        return Math.Sqrt(d) / Math.Sqrt(r);
    }

    /// <summary>Loads the tables, runs every method on every leading block and budget, and summarises.</summary>
    public static Fig3aResult Run(Fig3aSettings settings, TextWriter? log = null)
    {
        var methods = settings.Methods is null
            ? Methods
            : settings.Methods.Select(k => Methods.FirstOrDefault(m => m.Key == k)
                ?? throw new ArgumentException($"Unknown method '{k}'. Known: {string.Join(", ", Methods.Select(m => m.Key))}.", nameof(settings))).ToList();
        if (settings.Budgets.Count == 0 || settings.Budgets.Any(b => b < 1))
        {
            throw new ArgumentException($"Budgets must be positive iteration counts; got [{string.Join(", ", settings.Budgets)}].", nameof(settings));
        }

        string root = settings.DataRoot ?? LieInter.Economics.DataRoot.Resolve();
        var clock = Stopwatch.StartNew();
        var datasets = new List<(string Dataset, IReadOnlyList<int> Dimensions, List<InputOutputTable> Tables)>();
        if (settings.WiodDimensions.Count > 0 && settings.WiodCountries.Count > 0)
        {
            var tables = new List<InputOutputTable>();
            foreach (string country in settings.WiodCountries)
            {
                var c = WiodDerivedCountry.Load(Path.Combine(root, "wiod2016", "derived"), country);
                foreach (int year in settings.WiodYears ?? c.Years)
                {
                    tables.Add(c.Table(year));
                }
            }

            datasets.Add((Wiod, settings.WiodDimensions, tables));
        }

        if (settings.UseeioDimensions.Count > 0)
        {
            var v2 = UseeioModel.Load(Path.Combine(root, "useeio", "USEEIOv2.0.1-411"), new UseeioLoadOptions { DemandIds = ["2012_US_Production_Complete"] });
            datasets.Add((Useeio, settings.UseeioDimensions, [v2]));
        }

        var loadTime = clock.Elapsed;
        log?.WriteLine($"Loaded {string.Join(" and ", datasets.Select(d => $"{d.Tables.Count} {d.Dataset} table(s)"))} in {loadTime.TotalSeconds:F1} s.");
        clock.Restart();

        var runs = new List<Fig3aRun>();
        foreach (var (dataset, dimensions, tables) in datasets)
        {
            foreach (int k in dimensions)
            {
                foreach (var table in tables)
                {
                    if (k < 1 || k > table.SectorCount)
                    {
                        throw new ArgumentException($"Dimension {k} is outside 1..{table.SectorCount} for {table.Name}.", nameof(settings));
                    }

                    var (a, y) = Block(table, k, settings.Blocks);
                    var system = new EquilibriumSystem(new LeontiefQuantityModel(a, y));
                    string label = table.Year is { } year ? $"{table.Region} {year}" : table.Name;
                    var reference = DirectSolution(a, y);
                    foreach (int budget in settings.Budgets)
                    {
                        foreach (var method in methods)
                        {
                            var z = new double[k]; // cold start at 0, as a DEQ layer without warm start
                            var report = method.Run(system, budget, z);

                            // The layer's output is f(z), and the reference measures the error there.
                            var x = new double[k];
                            system.Evaluate(z, x);
                            double error = RelativeError(system, x);
                            runs.Add(new Fig3aRun(dataset, label, k, method.Key, budget, error, Distance(x, reference), report.ExitReason, report.Iterations, report.Solver));
                        }
                    }
                }
            }
        }

        var solveTime = clock.Elapsed;
        log?.WriteLine($"Ran {runs.Count} solves in {solveTime.TotalSeconds:F1} s.");
        return new Fig3aResult(runs, Summarise(runs, methods), loadTime, solveTime);
    }

    /// <summary>Mean, population std, min, max and non-finite count per (dataset, dimension, method, budget).</summary>
    public static IReadOnlyList<Fig3aSummary> Summarise(IReadOnlyList<Fig3aRun> runs, IReadOnlyList<Fig3aMethod>? methodOrder = null)
    {
        var order = (methodOrder ?? Methods).Select((m, i) => (m.Key, i)).ToDictionary(p => p.Key, p => p.i);
        return runs
            .GroupBy(r => (r.Dataset, r.Dimension, r.Method, r.Budget))
            .Select(g =>
            {
                var v = g.Select(r => r.RelativeError).ToArray();
                double mean = v.Average();
                double std = Math.Sqrt(v.Select(e => (e - mean) * (e - mean)).Average());
                var finite = v.Where(double.IsFinite).ToArray();
                var solution = g.Select(r => r.SolutionError).ToArray();
                return new Fig3aSummary(
                    g.Key.Dimension, g.Key.Dataset, g.Key.Method, g.Key.Budget, mean, std, v.Length,
                    finite.Length > 0 ? finite.Min() : double.NaN, finite.Length < v.Length ? double.NaN : v.Max(), v.Length - finite.Length,
                    solution.Average(), solution.Any(e => !double.IsFinite(e)) ? double.NaN : solution.Max());
            })
            .OrderBy(s => s.Dataset == Wiod ? 0 : 1).ThenBy(s => s.Budget).ThenBy(s => order.GetValueOrDefault(s.Method, int.MaxValue)).ThenBy(s => s.Dimension)
            .ToList();
    }
}
