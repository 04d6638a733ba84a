using System.Diagnostics;
using Google.OrTools.LinearSolver;
using LieInter.Optimization;

namespace LieInter.Economics;

/// <summary>
/// Eq. (5) for the Leontief quantity model with a multiplicative intervention on every sector, solved exactly as one
/// linear program in the output x instead of the multipliers alpha. Over outputs that keep the sign they have in the
/// reference x*, the equilibrium x_i = alpha_i (A x + y)_i with alpha_i in [lo_i, hi_i] is the same as two linear
/// inequalities, lo_i (A x + y)_i &lt;= x_i &lt;= hi_i (A x + y)_i for a sector of nonnegative output (bounds swapped
/// for a negative one), and the objective c^T x + lambda sum_i e_i |x_i - x*_i| is convex
/// and piecewise linear in x. So the design problem is an LP whose optimum is the global optimum of eq. (5); the
/// multipliers are read back as alpha_i = x_i / (A x + y)_i.
/// </summary>
/// <remarks>
/// This is what makes the design scale: the LP has the sparsity of A (2 nnz(A) + 6n nonzeros), so a 9,800-sector
/// multi-regional table needs no dense n x n sensitivity matrix. GLOP (simplex) proves optimality exactly; PDLP
/// (first-order primal-dual) handles large sparse programs to a stated relative tolerance. Every solution is checked
/// afterwards: the multipliers must lie in the box, (A x + y) must be positive on every sector with output, and the
/// recovered x must be an equilibrium to the stated tolerance; the result says so rather than assuming it.
/// Changing lambda only changes objective coefficients, so a path re-solves from the previous basis.
/// </remarks>
public sealed class LeontiefDesignProgram : IDisposable
{
    private readonly Solver _lp;
    private readonly Variable[] _x;
    private readonly Variable[] _t;
    private readonly int[] _pieceSector;
    private readonly double[] _ghg;
    private readonly double[] _employment;
    private readonly double[] _reference;
    private readonly double[] _finalDemand;
    private readonly Func<double[], double[]> _product;
    private readonly double[] _lower;
    private readonly double[] _scale;
    private readonly double[] _upper;

    /// <summary>Builds the program for a dense technical-coefficient matrix.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of the matrix; no call can bind to two of them.")]
    public LeontiefDesignProgram(double[,] a, double[] finalDemand, double[] ghgWeights, double[] employmentWeights, double[] reference, double[] lowerMultiplier, double[] upperMultiplier, LinearProgramSolver solver = LinearProgramSolver.Simplex)
        : this(a.GetLength(0), RowsOf(a), x => Multiply(a, x), finalDemand, ghgWeights, employmentWeights, reference, lowerMultiplier, upperMultiplier, solver)
    {
        if (a.GetLength(0) != a.GetLength(1))
        {
            throw new ArgumentException($"A is {a.GetLength(0)} x {a.GetLength(1)}; it must be square.", nameof(a));
        }
    }

    /// <summary>Builds the program for a sparse (CSR) technical-coefficient matrix.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in the type of the matrix; no call can bind to two of them.")]
    public LeontiefDesignProgram(SparseMatrix a, double[] finalDemand, double[] ghgWeights, double[] employmentWeights, double[] reference, double[] lowerMultiplier, double[] upperMultiplier, LinearProgramSolver solver = LinearProgramSolver.FirstOrder)
        : this(a.Rows, RowsOf(a), x => { var y = new double[a.Rows]; a.Multiply(x, y); return y; }, finalDemand, ghgWeights, employmentWeights, reference, lowerMultiplier, upperMultiplier, solver)
    {
    }

    private LeontiefDesignProgram(int n, IEnumerable<(int Row, int Column, double Value)> entries, Func<double[], double[]> product, double[] finalDemand, double[] ghgWeights, double[] employmentWeights, double[] reference, double[] lowerMultiplier, double[] upperMultiplier, LinearProgramSolver solver)
    {
        CheckLength(nameof(finalDemand), finalDemand, n);
        CheckLength(nameof(ghgWeights), ghgWeights, n);
        CheckLength(nameof(employmentWeights), employmentWeights, n);
        CheckLength(nameof(reference), reference, n);
        CheckLength(nameof(lowerMultiplier), lowerMultiplier, n);
        CheckLength(nameof(upperMultiplier), upperMultiplier, n);
        for (int i = 0; i < n; i++)
        {
            if (!(lowerMultiplier[i] > 0 && lowerMultiplier[i] <= upperMultiplier[i] && double.IsFinite(upperMultiplier[i])))
            {
                throw new ArgumentException($"Sector {i}: multiplier bounds [{lowerMultiplier[i]}, {upperMultiplier[i]}] must satisfy 0 < lower <= upper < infinity.");
            }
        }

        Solver = solver;
        _finalDemand = (double[])finalDemand.Clone();
        _ghg = (double[])ghgWeights.Clone();
        _employment = (double[])employmentWeights.Clone();
        _reference = (double[])reference.Clone();
        _lower = (double[])lowerMultiplier.Clone();
        _upper = (double[])upperMultiplier.Clone();
        _product = product;
        _lp = Google.OrTools.LinearSolver.Solver.CreateSolver(solver == LinearProgramSolver.Simplex ? "GLOP" : "PDLP")
            ?? throw new InvalidOperationException($"OR-Tools' {solver} linear solver is not available in this process.");
        _x = new Variable[n];
        // Every output keeps the sign it has in the reference (tables with negative final demand, such as USEEIO's
        // scrap and used goods, have sectors of negative output). x_i = alpha_i v_i with v = A x + y then means
        // lo v_i <= x_i <= hi v_i on a sector of nonnegative output and hi v_i <= x_i <= lo v_i on a negative one.
        // Variables are outputs relative to the reference, z_i = x_i / |x*_i|, and row i is divided by |x*_i|:
        // sectors span nine orders of magnitude in dollars, which left GLOP's simplex ABNORMAL on USEEIO unscaled.
        var lowFactor = new double[n];
        var highFactor = new double[n];
        _scale = reference.Select(r => Math.Abs(r) > 0 && double.IsFinite(r) ? Math.Abs(r) : 1.0).ToArray();
        for (int i = 0; i < n; i++)
        {
            bool negative = reference[i] < 0;
            _x[i] = negative ? _lp.MakeNumVar(double.NegativeInfinity, 0, $"x{i}") : _lp.MakeNumVar(0, double.PositiveInfinity, $"x{i}");
            lowFactor[i] = negative ? _upper[i] : _lower[i];
            highFactor[i] = negative ? _lower[i] : _upper[i];
        }

        // low_i v_i - x_i <= 0 and x_i - high_i v_i <= 0, written as rows over x.
        var low = new Constraint[n];
        var high = new Constraint[n];
        for (int i = 0; i < n; i++)
        {
            low[i] = _lp.MakeConstraint(double.NegativeInfinity, -lowFactor[i] * finalDemand[i] / _scale[i], $"low{i}");
            high[i] = _lp.MakeConstraint(double.NegativeInfinity, highFactor[i] * finalDemand[i] / _scale[i], $"high{i}");
        }

        var diagonal = new double[n];
        foreach (var (i, j, value) in entries)
        {
            if (i == j)
            {
                diagonal[i] = value;
                continue;
            }

            double scaled = value * _scale[j] / _scale[i];
            low[i].SetCoefficient(_x[j], lowFactor[i] * scaled);
            high[i].SetCoefficient(_x[j], -highFactor[i] * scaled);
        }

        for (int i = 0; i < n; i++)
        {
            low[i].SetCoefficient(_x[i], (lowFactor[i] * diagonal[i]) - 1);
            high[i].SetCoefficient(_x[i], 1 - (highFactor[i] * diagonal[i]));
        }

        // t_i >= |z_i - z*_i| for every sector whose deviation is weighted.
        _pieceSector = Enumerable.Range(0, n).Where(i => _employment[i] != 0).ToArray();
        _t = new Variable[_pieceSector.Length];
        for (int k = 0; k < _pieceSector.Length; k++)
        {
            int i = _pieceSector[k];
            _t[k] = _lp.MakeNumVar(0, double.PositiveInfinity, $"t{i}");
            var above = _lp.MakeConstraint(double.NegativeInfinity, _reference[i] / _scale[i], $"above{i}");
            above.SetCoefficient(_x[i], 1);
            above.SetCoefficient(_t[k], -1);
            var below = _lp.MakeConstraint(double.NegativeInfinity, -_reference[i] / _scale[i], $"below{i}");
            below.SetCoefficient(_x[i], -1);
            below.SetCoefficient(_t[k], -1);
        }

        var objective = _lp.Objective();
        for (int i = 0; i < n; i++)
        {
            objective.SetCoefficient(_x[i], _ghg[i] * _scale[i]);
        }

        objective.SetMinimization();
    }

    public LinearProgramSolver Solver { get; }

    public int Sectors => _x.Length;

    /// <summary>Relative tolerance of the first-order solver (PDLP): primal and dual residuals and the duality gap.</summary>
    public double FirstOrderTolerance { get; init; } = 1e-8;

    /// <summary>Relative tolerance of the a-posteriori check that the recovered multipliers reproduce x.</summary>
    public double EquilibriumTolerance { get; init; } = 1e-6;

    /// <summary>Solves eq. (5) at <paramref name="lambda"/>: min c^T x + lambda sum e_i |x_i - x*_i|.</summary>
    public LeontiefDesignSolution Solve(double lambda, TimeSpan? timeLimit = null)
    {
        if (!(lambda >= 0) || double.IsInfinity(lambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be finite and nonnegative.");
        }

        var clock = Stopwatch.StartNew();
        var objective = _lp.Objective();
        for (int k = 0; k < _t.Length; k++)
        {
            int i = _pieceSector[k];
            objective.SetCoefficient(_t[k], lambda * Math.Abs(_employment[i]) * _scale[i]);
        }

        if (Solver == LinearProgramSolver.FirstOrder)
        {
            string eps = FirstOrderTolerance.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            _lp.SetSolverSpecificParametersAsString($"termination_criteria {{ eps_optimal_relative: {eps} eps_optimal_absolute: 0 }} num_threads: 1");
        }

        if (timeLimit is { } limit)
        {
            _lp.SetTimeLimit((long)limit.TotalMilliseconds);
        }

        var status = _lp.Solve();
        int n = _x.Length;
        var x = new double[n];
        bool solved = status == Google.OrTools.LinearSolver.Solver.ResultStatus.OPTIMAL;
        if (solved)
        {
            for (int i = 0; i < n; i++)
            {
                x[i] = _x[i].SolutionValue() * _scale[i];
            }
        }

        return Recover(lambda, solved, status.ToString(), x, clock);
    }

    /// <summary>Multipliers from x, checked: alpha_i = x_i / (A x + y)_i in the box (clipped by at most the LP's
    /// tolerance), then the equilibrium of those multipliers recomputed by fixed-point sweeps from x.</summary>
    private LeontiefDesignSolution Recover(double lambda, bool solved, string status, double[] x, Stopwatch clock)
    {
        int n = x.Length;
        var alpha = new double[n];
        var problems = new List<string>();
        if (!solved)
        {
            problems.Add($"the linear program ended {status}");
            return Solution(lambda, alpha, x, status, problems, clock);
        }

        var ax = _product(x);
        double scale = x.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            double input = ax[i] + _finalDemand[i];
            if (Math.Abs(x[i]) <= 1e-12 * scale && Math.Abs(input) <= 1e-12 * scale)
            {
                alpha[i] = Math.Clamp(1.0, _lower[i], _upper[i]); // a sector with no output and no demand: any multiplier
                continue;
            }

            if (!(input > 0 || input < 0) || x[i] * input < 0)
            {
                problems.Add($"sector {i} has (A x + y) = {input:G4}, so no positive multiplier reproduces its output {x[i]:G4}");
                alpha[i] = double.NaN;
                continue;
            }

            alpha[i] = Math.Clamp(x[i] / input, _lower[i], _upper[i]);
        }

        if (problems.Count == 0)
        {
            // x must be the equilibrium of alpha: x = alpha o (A x + y), checked as a relative residual.
            var fx = _product(x);
            double residual = 0;
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                double r = x[i] - (alpha[i] * (fx[i] + _finalDemand[i]));
                residual += r * r;
                norm += x[i] * x[i];
            }

            double relative = Math.Sqrt(residual / Math.Max(norm, double.Epsilon));
            if (!(relative <= EquilibriumTolerance))
            {
                problems.Add($"the recovered multipliers reproduce x only to a relative residual of {relative:E2} (tolerance {EquilibriumTolerance:E1})");
            }
        }

        return Solution(lambda, alpha, x, status, problems, clock);
    }

    private LeontiefDesignSolution Solution(double lambda, double[] alpha, double[] x, string status, List<string> problems, Stopwatch clock)
    {
        double ghg = 0;
        double deviation = 0;
        for (int i = 0; i < x.Length; i++)
        {
            ghg += _ghg[i] * x[i];
            deviation += Math.Abs(_employment[i] * (x[i] - _reference[i]));
        }

        return new LeontiefDesignSolution(lambda, alpha, x, ghg, deviation, ghg + (lambda * deviation), problems.Count == 0, status, problems, _lp.Iterations(), clock.Elapsed);
    }

    public void Dispose() => _lp.Dispose();

    private static IEnumerable<(int, int, double)> RowsOf(double[,] a)
    {
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                if (a[i, j] != 0)
                {
                    yield return (i, j, a[i, j]);
                }
            }
        }
    }

    private static IEnumerable<(int, int, double)> RowsOf(SparseMatrix a)
    {
        for (int i = 0; i < a.Rows; i++)
        {
            for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
            {
                yield return (i, a.ColumnIndices[k], a.Values[k]);
            }
        }
    }

    private static double[] Multiply(double[,] a, double[] x)
    {
        int n = x.Length;
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += a[i, j] * x[j];
            }

            y[i] = s;
        }

        return y;
    }

    private static void CheckLength(string name, double[] values, int n)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != n)
        {
            throw new ArgumentException($"{name} has {values.Length} entries; A has {n} sectors.", name);
        }

        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"{name} has a non-finite entry ({v}).", name);
            }
        }
    }
}
