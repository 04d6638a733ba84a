using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LieInter.Differentiation;
using LieInter.Economics;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Models;
using LieInter.Solvers;

namespace LieInter.Benchmarks.Peers;

/// <summary>
/// `peers` mode: LieInter against numpy/scipy on the same task and the same numbers (issue 10).
/// <para>Each case is built once and written to artifacts/peers/&lt;case&gt;/ as .npy files. The task, identical for
/// every contender: a cold solve of x = A x + y from x0 = 0 to ||A x + y - x|| &lt;= 1e-8 ||x||, then the gradient of
/// c^T x* with respect to a multiplicative intervention alpha on every sector at alpha = 1,
/// g_i = lambda_i (A x* + y)_i with lambda = A^T lambda + c solved to the same relative tolerance. LieInter runs the
/// generated <see cref="LeontiefQuantityModel"/> (or <see cref="SparseLeontiefQuantityModel"/>) through
/// <see cref="DifferentiableEquilibrium"/> (SetState zeros, Solve, Backpropagate c), with the default policy and with
/// each method forced through <see cref="EquilibriumSolverOptions.Method"/>; the peers run in benchmarks/peers/peers.py.</para>
/// <para>Rounds alternate LieInter (timed in-process after a warm-up pass) and python (started once per round per
/// case; it times its own solves with time.perf_counter). Times are medians over rounds of per-round medians, ratios
/// medians over rounds of per-round ratios, errors the largest over rounds, in the infinity norm relative to the
/// scipy LU reference (refined once). Every process runs with OPENBLAS_NUM_THREADS = OMP_NUM_THREADS =
/// MKL_NUM_THREADS = 1: the harness re-executes itself with them when they are not set to 1.</para>
/// </summary>
internal static class PeerBenchmark
{
    private const double Tolerance = 1e-8;

    private static readonly string[] ThreadVariables = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"];

    private static readonly (string Name, EquilibriumMethod Method)[] LieInterMethods =
    [
        ("LieInter default", EquilibriumMethod.Default),
        ("LieInter Anderson", EquilibriumMethod.Anderson),
        ("LieInter Newton-Krylov", EquilibriumMethod.NewtonKrylov),
        ("LieInter direct", EquilibriumMethod.Direct),
    ];

    private static readonly string[] PythonContenders = ["scipy LU", "numpy Anderson", "scipy GMRES", "paper Anderson"];

    public static int Run(string[] args)
    {
        if (ThreadVariables.Any(v => Environment.GetEnvironmentVariable(v) != "1"))
        {
            return ReExecuteSingleThreaded(args);
        }

        var options = PeerOptions.Parse(args);
        if (options.Error is { } usage)
        {
            Console.Error.WriteLine(usage);
            return 2;
        }

        string root = RepositoryRoot();
        string outDir = options.OutputFolder ?? Path.Combine(root, "artifacts", "peers");
        string script = Path.Combine(root, "benchmarks", "peers", "peers.py");
        var names = PeerCases.Names.Where(n => options.Cases.Count == 0 || options.Cases.Any(c => n.Contains(c, StringComparison.OrdinalIgnoreCase))).ToList();
        if (names.Count == 0)
        {
            Console.Error.WriteLine($"no case matches {string.Join(" ", options.Cases)}; cases: {string.Join(", ", PeerCases.Names)}");
            return 2;
        }

        Console.WriteLine($"peer benchmark: {names.Count} cases, {options.Rounds} rounds{(options.Quick ? " (quick)" : "")}, tolerance {Tolerance:g} relative, one thread everywhere ({string.Join(", ", ThreadVariables.Select(v => $"{v}=1"))})");
        Console.WriteLine($"cases are written to {outDir}; python: {options.Python} {script}");

        var results = new List<CaseResult>();
        foreach (string name in names)
        {
            var clock = Stopwatch.StartNew();
            var c = PeerCases.Build(name);
            string folder = Path.Combine(outDir, name);
            c.Write(folder);
            var reference = Python(options.Python, script, ["ref", folder]);
            var result = new CaseResult(c, folder, reference);
            results.Add(result);
            string refNote = reference.TryGetProperty("error", out var e) ? $"reference FAILED: {e.GetString()}" :
                $"reference {reference.GetProperty("seconds").GetDouble():F2} s" + (reference.TryGetProperty("lambda2_over_rho", out var l2) ? $", |lambda2|/rho = {l2.GetDouble():F4}" : "");
            Console.WriteLine($"  built {name} (n = {c.N}{(c.IsSparse ? $", nnz = {c.Sparse!.NonZeroCount:N0}" : "")}) in {clock.Elapsed.TotalSeconds:F1} s; {refNote}");
        }

        WarmUp();
        double target = options.Quick ? 0.1 : 0.3;
        for (int round = 1; round <= options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var r in results)
            {
                var lie = new Dictionary<string, ContenderRun>();
                foreach (var (label, method) in LieInterMethods)
                {
                    lie[label] = RunLieInter(r, method, target);
                }

                r.Add(lie);
                if (round == 1)
                {
                    r.FirstCall = FirstCallCost(r.Case);
                }

                if (r.Case.Kernels)
                {
                    r.AddKernels(KernelTimes(r.Case));
                }

                var py = Python(options.Python, script, r.Case.Kernels ? ["solve", r.Folder, "--target", target.ToString(CultureInfo.InvariantCulture), "--kernels"] : ["solve", r.Folder, "--target", target.ToString(CultureInfo.InvariantCulture)]);
                r.AddPython(py);
            }

            Console.WriteLine($"  round {round}/{options.Rounds}: {clock.Elapsed.TotalSeconds:F0} s");
        }

        var tables = Tables.Build(results, options);
        Console.WriteLine();
        Console.Write(tables.Text());
        if (options.Markdown is { } md)
        {
            File.WriteAllText(md, tables.Markdown());
            Console.WriteLine($"markdown written to {md}");
        }

        return 0;
    }

    /// <summary>Thread-count variables are read when native libraries load, so they must be set before the process
    /// starts: run this same program again with them set to 1 and pass its exit code on.</summary>
    private static int ReExecuteSingleThreaded(string[] args)
    {
        if (Environment.GetEnvironmentVariable("LIEINTER_PEERS_REEXEC") == "1")
        {
            Console.Error.WriteLine("peers: could not set the thread-count variables to 1; launch with OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1.");
            return 2;
        }

        string exe = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(exe), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.ArgumentList.Add(typeof(PeerBenchmark).Assembly.Location);
        }

        psi.ArgumentList.Add("peers");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var v in ThreadVariables)
        {
            psi.Environment[v] = "1";
        }

        psi.Environment["LIEINTER_PEERS_REEXEC"] = "1";
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode;
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "LieInter.sln")))
                {
                    return d.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the repository (LieInter.sln not found above the current folder).");
    }

    private static JsonElement Python(string python, string script, string[] args)
    {
        var psi = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var v in ThreadVariables)
        {
            psi.Environment[v] = "1";
        }

        try
        {
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            string last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            if (last.StartsWith('{'))
            {
                return JsonDocument.Parse(last).RootElement.Clone();
            }

            return Error($"python exited {p.ExitCode} without a result: {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Error($"could not start '{python}': {e.Message} (set LIEINTER_PYTHON or pass --python)");
        }
    }

    private static JsonElement Error(string message) => JsonDocument.Parse(JsonSerializer.Serialize(new { error = message })).RootElement.Clone();

    /// <summary>Runs every method once on small dense and sparse models, so the timed runs see compiled code.</summary>
    private static void WarmUp()
    {
        var r = new Random(5);
        int n = 150;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = 0.5 / n * r.NextDouble() * (r.NextDouble() < 0.3 ? 3 : 0);
            }
        }

        var y = Enumerable.Range(0, n).Select(_ => 1 + r.NextDouble()).ToArray();
        var dense = new PeerCase { Name = "warm-up", Description = "", Dense = a, Y = y, C = y };
        var sparse = new PeerCase { Name = "warm-up", Description = "", Sparse = SparseMatrix.FromDense(a), Y = y, C = y };
        foreach (var c in new[] { dense, sparse })
        {
            var rc = new CaseResult(c, "", default);
            foreach (var (_, method) in LieInterMethods)
            {
                for (int k = 0; k < 3; k++)
                {
                    RunLieInter(rc, method, 0);
                }
            }

            KernelTimes(c, 0.005);
        }
    }

    private static ContenderRun RunLieInter(CaseResult r, EquilibriumMethod method, double target)
    {
        var c = r.Case;
        if (method == EquilibriumMethod.Direct && c.N > EquilibriumSolverOptions.Default.DirectDenseLimit)
        {
            return new ContenderRun { Skipped = $"skipped: a dense LU of n = {c.N} ({8.0 * c.N * c.N / 1e9:F2} GB) is beyond DirectDenseLimit {EquilibriumSolverOptions.Default.DirectDenseLimit}" };
        }

        IEquilibriumModel model = c.IsSparse
            ? new SparseLeontiefQuantityModel { A = c.Sparse!, FinalDemand = c.Y, X = new double[c.N] }
            : new LeontiefQuantityModel(c.Dense!, c.Y);
        var options = new EquilibriumSolverOptions
        {
            Tolerances = new SolverOptions { AbsoluteTolerance = 0, RelativeTolerance = Tolerance },
            Method = method,
        };
        var layer = new DifferentiableEquilibrium(new EquilibriumSystem(model), options);
        int n = c.N;
        var zeros = new double[n];
        var grad = new double[n];
        string? failure = null;

        void Once()
        {
            failure = null;
            layer.SetState(zeros);
            layer.SetAdjoint(zeros);
            if (!layer.TrySolve(out var report))
            {
                failure = $"solve: {report}";
                return;
            }

            Array.Clear(grad);
            try
            {
                layer.Backpropagate(c.C, default, grad);
            }
            catch (EquilibriumNotConvergedException e)
            {
                failure = $"adjoint: {e.Report}";
            }
        }

        // The default runs first on each case: its first call, always discarded, pays the one-time work per matrix
        // (the solvability certificate, cached per matrix) for every method, and is reported on its own.
        var (seconds, repeats, first) = Measure(Once, target, alwaysWarmUp: method == EquilibriumMethod.Default);
        var run = new ContenderRun { Seconds = seconds, Repeats = repeats, FirstSeconds = first, Solver = layer.LastSolve?.Solver, AdjointSolver = failure is null ? layer.LastAdjointSolve?.Solver : null };
        run.IterationsX = layer.LastSolve?.Iterations ?? -1;
        run.IterationsLambda = failure is null ? layer.LastAdjointSolve?.Iterations ?? -1 : -1;
        if (failure is not null)
        {
            run.Error = failure;
            return run;
        }

        // Check the task's tolerance on the case data itself, not on the solver's word.
        var x = layer.State.ToArray();
        var lambda = layer.Adjoint.ToArray();
        run.ResidualX = Residual(c, x, c.Y, transposed: false);
        run.ResidualLambda = Residual(c, lambda, c.C, transposed: true);
        if (!(run.ResidualX <= Tolerance * 1.01 && run.ResidualLambda <= Tolerance * 1.01))
        {
            run.Error = $"relative residual x {run.ResidualX:E2}, lambda {run.ResidualLambda:E2} above {Tolerance:g}";
        }

        if (r.ReferenceX is { } rx && r.ReferenceG is { } rg)
        {
            run.ErrorX = InfRelative(x, rx);
            run.ErrorG = InfRelative(grad, rg);
        }

        return run;
    }

    /// <summary>What the checks cost a one-off call: the first solve + gradient of a fresh layer on a fresh copy of
    /// the matrix (so no certificate is cached), with the default checks and with <c>CheckSolvability = false</c>,
    /// after a full collection so that neither pays for the other's garbage.</summary>
    private static (double WithChecks, double WithoutChecks) FirstCallCost(PeerCase c)
    {
        double Once(bool checks)
        {
            IEquilibriumModel model = c.IsSparse
                ? new SparseLeontiefQuantityModel { A = new SparseMatrix(c.N, c.N, (int[])c.Sparse!.RowPointers.Clone(), (int[])c.Sparse.ColumnIndices.Clone(), (double[])c.Sparse.Values.Clone()), FinalDemand = c.Y, X = new double[c.N] }
                : new LeontiefQuantityModel((double[,])c.Dense!.Clone(), c.Y);
            var layer = new DifferentiableEquilibrium(new EquilibriumSystem(model), new EquilibriumSolverOptions
            {
                Tolerances = new SolverOptions { AbsoluteTolerance = 0, RelativeTolerance = Tolerance },
                CheckSolvability = checks,
            });
            var grad = new double[c.N];
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            layer.Solve();
            layer.Backpropagate(c.C, default, grad);
            return sw.Elapsed.TotalSeconds;
        }

        var with = new List<double>();
        var without = new List<double>();
        for (int k = 0; k < 3; k++)
        {
            with.Add(Once(true));
            without.Add(Once(false));
        }

        return (Median(with), Median(without));
    }

    /// <summary>Median seconds per call: a discarded first call and up to 0.3 s of warm-up calls (tiered JIT) unless the first took over 1 s (then it is the
    /// only sample) and <paramref name="alwaysWarmUp"/> is false, else at least 3 samples and up to 25 until they fill
    /// <paramref name="target"/> seconds (one sample when a call takes over 1 s). Also returns the first call's time.</summary>
    private static (double Seconds, int Repeats, double First) Measure(Action action, double target, bool alwaysWarmUp = false)
    {
        var sw = Stopwatch.StartNew();
        action();
        double first = sw.Elapsed.TotalSeconds;
        if (first > 1.0 && !alwaysWarmUp)
        {
            return (first, 1, first);
        }

        // Steady state, as an optimiser's thousands of solves see it: keep warming up for 0.3 s (at most 50 calls)
        // so that tiered compilation has promoted the solver's code, then time.
        var warm = Stopwatch.StartNew();
        for (int k = 0; k < 50 && warm.Elapsed.TotalSeconds < 0.3 && first <= 1.0; k++)
        {
            action();
        }

        var times = new List<double>();
        while (times.Count < 3 || (times.Sum() < target && times.Count < 25))
        {
            sw.Restart();
            action();
            times.Add(sw.Elapsed.TotalSeconds);
            if (times[^1] > 1.0)
            {
                break;
            }
        }

        return (Median(times), times.Count, first);
    }

    private static double Residual(PeerCase c, double[] v, double[] b, bool transposed)
    {
        int n = c.N;
        var av = new double[n];
        if (c.Sparse is { } s)
        {
            if (transposed)
            {
                s.MultiplyTransposed(v, av);
            }
            else
            {
                s.Multiply(v, av);
            }
        }
        else
        {
            var a = c.Dense!;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (transposed)
                    {
                        av[j] += a[i, j] * v[i];
                    }
                    else
                    {
                        av[i] += a[i, j] * v[j];
                    }
                }
            }
        }

        double r = 0, x = 0;
        for (int i = 0; i < n; i++)
        {
            double d = av[i] + b[i] - v[i];
            r += d * d;
            x += v[i] * v[i];
        }

        return Math.Sqrt(r) / Math.Sqrt(x);
    }

    internal static double InfRelative(double[] v, double[] reference)
    {
        double d = 0, m = 0;
        for (int i = 0; i < v.Length; i++)
        {
            d = Math.Max(d, Math.Abs(v[i] - reference[i]));
            m = Math.Max(m, Math.Abs(reference[i]));
        }

        return d / m;
    }

    /// <summary>Seconds per call of the generated f, JVP (fused f and Jx dx) and VJP (w^T Jx) at a random point.</summary>
    private static (double F, double Jvp, double Vjp) KernelTimes(PeerCase c, double target = 0.05)
    {
        IEquilibriumModel model = c.IsSparse
            ? new SparseLeontiefQuantityModel { A = c.Sparse!, FinalDemand = c.Y, X = new double[c.N] }
            : new LeontiefQuantityModel(c.Dense!, c.Y);
        var system = new EquilibriumSystem(model);
        int n = c.N;
        var u = system.Coordinates.ToArray();
        var r = new Random(3);
        var x = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
        var dx = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
        var fx = new double[n];
        var jv = new double[n];
        var wj = new double[n];
        double f = RatioHarness.Time(() => model.Evaluate(x, u, fx), target, 7);
        double j = RatioHarness.Time(() => model.Jvp(x, u, dx, default, default, fx, jv), target, 7);
        double v = RatioHarness.Time(() => model.Vjp(x, u, dx, wj, default, default), target, 7);
        return (f, j, v);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[(s.Length / 2) - 1] + s[s.Length / 2]);
    }

    /// <summary>One contender's result in one round.</summary>
    internal sealed class ContenderRun
    {
        public double Seconds { get; set; } = double.NaN;

        public int Repeats { get; set; }

        /// <summary>Seconds of the first call (LieInter: includes the one-time checks per matrix in round 1).</summary>
        public double FirstSeconds { get; set; } = double.NaN;

        public string? Solver { get; set; }

        public string? AdjointSolver { get; set; }

        /// <summary>Iterations of the solve and of the adjoint solve (in the last timed call).</summary>
        public int IterationsX { get; set; } = -1;

        public int IterationsLambda { get; set; } = -1;

        public double ResidualX { get; set; } = double.NaN;

        public double ResidualLambda { get; set; } = double.NaN;

        public double ErrorX { get; set; } = double.NaN;

        public double ErrorG { get; set; } = double.NaN;

        /// <summary>Set when the contender failed (did not converge, threw, or missed the tolerance).</summary>
        public string? Error { get; set; }

        /// <summary>Set when the contender was not run on this case, with the reason.</summary>
        public string? Skipped { get; set; }

        public bool Ok => Error is null && Skipped is null;
    }

    /// <summary>All rounds of one case.</summary>
    internal sealed class CaseResult
    {
        public CaseResult(PeerCase c, string folder, JsonElement reference)
        {
            Case = c;
            Folder = folder;
            Reference = reference;
            if (folder.Length > 0 && File.Exists(Path.Combine(folder, "ref_x.npy")) && reference.ValueKind == JsonValueKind.Object && !reference.TryGetProperty("error", out _))
            {
                ReferenceX = Npy.ReadDoubles(Path.Combine(folder, "ref_x.npy"));
                ReferenceG = Npy.ReadDoubles(Path.Combine(folder, "ref_g.npy"));
            }
        }

        public PeerCase Case { get; }

        public string Folder { get; }

        public JsonElement Reference { get; }

        public double[]? ReferenceX { get; }

        public double[]? ReferenceG { get; }

        /// <summary>Per contender, its run in each round.</summary>
        public Dictionary<string, List<ContenderRun>> Runs { get; } = new();

        /// <summary>Seconds of a first solve + gradient on a matrix never seen before, with and without the
        /// solvability checks (median of three alternating pairs; measured in round 1).</summary>
        public (double WithChecks, double WithoutChecks)? FirstCall { get; set; }

        public List<(double F, double Jvp, double Vjp)> LieInterKernels { get; } = new();

        public List<(double MatVec, double MatVecT)> PeerKernels { get; } = new();

        public List<string> PythonErrors { get; } = new();

        public string? Versions { get; private set; }

        public void Add(Dictionary<string, ContenderRun> runs)
        {
            foreach (var (k, v) in runs)
            {
                (Runs.TryGetValue(k, out var list) ? list : Runs[k] = new()).Add(v);
            }
        }

        public void AddKernels((double, double, double) t) => LieInterKernels.Add(t);

        public void AddPython(JsonElement json)
        {
            var runs = new Dictionary<string, ContenderRun>();
            if (json.TryGetProperty("error", out var err))
            {
                PythonErrors.Add(err.GetString()!);
                foreach (var name in PythonContenders)
                {
                    runs[name] = new ContenderRun { Error = $"python: {err.GetString()}" };
                }

                Add(runs);
                return;
            }

            Versions = $"numpy {json.GetProperty("numpy").GetString()}, scipy {json.GetProperty("scipy").GetString()}";
            foreach (var e in json.GetProperty("contenders").EnumerateArray())
            {
                double D(string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                var run = new ContenderRun
                {
                    Seconds = D("seconds"),
                    Repeats = e.TryGetProperty("repeats", out var rep) ? rep.GetInt32() : 0,
                    ResidualX = D("residual_x"),
                    ResidualLambda = D("residual_lambda"),
                    ErrorX = D("error_x"),
                    ErrorG = D("error_g"),
                    IterationsX = double.IsNaN(D("iterations_x")) ? -1 : (int)D("iterations_x"),
                    IterationsLambda = double.IsNaN(D("iterations_lambda")) ? -1 : (int)D("iterations_lambda"),
                };
                if (!e.GetProperty("converged").GetBoolean())
                {
                    run.Error = e.TryGetProperty("error", out var m) ? m.GetString() : "did not converge";
                }

                runs[e.GetProperty("name").GetString()!] = run;
            }

            if (json.TryGetProperty("kernels", out var k))
            {
                PeerKernels.Add((k.GetProperty("A @ x").GetDouble(), k.GetProperty("A.T @ w").GetDouble()));
            }

            Add(runs);
        }
    }

    /// <summary>Command-line options of the peers mode.</summary>
    internal sealed class PeerOptions
    {
        public int Rounds { get; private set; } = 5;

        public bool Quick { get; private set; }

        public List<string> Cases { get; } = new();

        public string? Markdown { get; private set; }

        public string? OutputFolder { get; private set; }

        public string Python { get; private set; } = Environment.GetEnvironmentVariable("LIEINTER_PYTHON") is { Length: > 0 } p ? p : "python3";

        public string? Error { get; private set; }

        public static PeerOptions Parse(string[] args)
        {
            var o = new PeerOptions();
            bool roundsGiven = false;
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                string? Next() => i + 1 < args.Length ? args[++i] : null;
                switch (a)
                {
                    case "--rounds" when int.TryParse(Next(), out int r) && r >= 1:
                        o.Rounds = r;
                        roundsGiven = true;
                        break;
                    case "--quick":
                        o.Quick = true;
                        break;
                    case "--cases":
                        while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        {
                            o.Cases.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries));
                        }

                        break;
                    case "--write-markdown" when Next() is { } f:
                        o.Markdown = Path.GetFullPath(f);
                        break;
                    case "--out" when Next() is { } f:
                        o.OutputFolder = Path.GetFullPath(f);
                        break;
                    case "--python" when Next() is { } f:
                        o.Python = f;
                        break;
                    default:
                        o.Error = $"peers: unknown or incomplete option '{a}'. Usage: peers [--rounds N] [--quick] [--cases NAME ...] [--write-markdown FILE] [--out DIR] [--python PATH]; cases: {string.Join(", ", PeerCases.Names)}";
                        return o;
                }
            }

            if (o.Quick && !roundsGiven)
            {
                o.Rounds = 2;
            }

            return o;
        }
    }
}
