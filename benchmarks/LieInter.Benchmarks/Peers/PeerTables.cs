using System.Globalization;
using System.Text;
using static LieInter.Benchmarks.Peers.PeerBenchmark;

namespace LieInter.Benchmarks.Peers;

/// <summary>One table: a title, a header, rows of cells and notes, printable as aligned text or markdown.</summary>
internal sealed class Table
{
    public required string Title { get; init; }

    public required string[] Header { get; init; }

    public List<string[]> Rows { get; } = new();

    public List<string> Notes { get; } = new();

    public string Text()
    {
        var widths = Header.Select((h, i) => Rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(Title);
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
        sb.AppendLine(Line(Header));
        foreach (var r in Rows)
        {
            sb.AppendLine(Line(r));
        }

        foreach (var n in Notes)
        {
            sb.AppendLine($"  {n}");
        }

        return sb.AppendLine().ToString();
    }

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"**{Title}**").AppendLine();
        sb.AppendLine($"| {string.Join(" | ", Header)} |");
        sb.AppendLine($"|{string.Join("|", Header.Select((_, i) => i == 0 ? "---" : "---:"))}|");
        foreach (var r in Rows)
        {
            sb.AppendLine($"| {string.Join(" | ", r.Select(c => c.Replace("|", "\\|")))} |");
        }

        if (Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in Notes)
            {
                sb.AppendLine($"- {n}");
            }
        }

        return sb.AppendLine().ToString();
    }
}

/// <summary>The peer benchmark's tables, computed from the rounds.</summary>
internal sealed class Tables
{
    private const string Default = "LieInter default";

    private static readonly string[] Peers = ["scipy LU", "numpy Anderson", "scipy GMRES", "paper Anderson"];

    private static readonly string[] Own = ["LieInter Anderson", "LieInter Newton-Krylov", "LieInter direct"];

    private static readonly string[] All = [Default, .. Own, .. Peers];

    private readonly List<Table> _tables = new();

    private string _preamble = "";

    public static Tables Build(List<CaseResult> results, PeerOptions options)
    {
        var t = new Tables();
        string versions = results.Select(r => r.Versions).FirstOrDefault(v => v is not null) ?? "python peers unavailable";
        t._preamble = $"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {versions}; " +
            $"one thread everywhere; {options.Rounds} rounds{(options.Quick ? " (--quick)" : "")}. Task: cold solve of x = A x + y from 0 to ||Ax + y - x|| <= 1e-8 ||x||, " +
            "then the gradient of c^T x* w.r.t. a multiplicative intervention on every sector (adjoint lambda = A^T lambda + c to the same tolerance).";
        var failures = new List<string>();

        // 1. Peers against LieInter's default policy.
        var ratio = new Table { Title = "Peer time / LieInter default time (median over rounds of per-round ratios; above 1: LieInter is faster)", Header = ["case", "n", "|l2|/rho", "LieInter default s", .. Peers] };
        foreach (var r in results)
        {
            var row = new List<string> { r.Case.Name, r.Case.N.ToString(CultureInfo.InvariantCulture), Lambda2(r), Time(r, Default) };
            row.AddRange(Peers.Select(p => RatioCell(r, p, Default)));
            ratio.Rows.Add(row.ToArray());
        }

        ratio.Notes.Add("peers: scipy LU = lu_factor of I - A once, lu_solve for x and (trans=1) lambda (the sparse case factorised densely: SuperLU fills it in almost completely); numpy Anderson = type II, m = 5, Tikhonov 1e-10 ||dG^T dG||; scipy GMRES = scipy.sparse.linalg.gmres (restart 20) on (I - A) x = y and (I - A^T) lambda = c, rtol 1e-8 of ||b||, atol 0; paper Anderson = Bai et al.'s DEQ Anderson, m = 5, lambda = 1e-4 absolute, beta = 2.");
        ratio.Notes.Add("LieInter default includes its per-solve solvability checks (parameter fingerprint); the one-time certificate per matrix is excluded (see the seconds table).");
        t._tables.Add(ratio);

        // 2. LieInter's own methods and the policy check.
        var own = new Table { Title = "LieInter methods / LieInter default (time ratio; policy check: default within 1.2x of the best of direct and best iterative)", Header = ["case", .. Own, "default / best", "check", "default used (solve; adjoint)"] };
        foreach (var r in results)
        {
            var row = new List<string> { r.Case.Name };
            row.AddRange(Own.Select(m => RatioCell(r, m, Default)));
            double d = MedianTime(r, Default);
            double direct = MedianTime(r, "LieInter direct");
            double iterative = Math.Min(Nan(MedianTime(r, "LieInter Anderson")), Nan(MedianTime(r, "LieInter Newton-Krylov")));
            double best = Math.Min(Nan(direct), iterative);
            double q = d / best;
            row.Add(double.IsFinite(q) ? q.ToString("F2", CultureInfo.InvariantCulture) : "-");
            row.Add(!double.IsFinite(q) ? "-" : q <= 1.2 ? "ok" : "MISS");
            var last = r.Runs.TryGetValue(Default, out var runs) ? runs.LastOrDefault(x => x.Ok) : null;
            row.Add(last is null ? "-" : $"{Short(last.Solver)}; {Short(last.AdjointSolver)}");
            own.Rows.Add(row.ToArray());
        }

        own.Notes.Add("forced methods run alone through EquilibriumSolverOptions.Method (no fallback); the adjoint uses the same family: Anderson on lambda = A^T lambda + c, GMRES, or the solve's LU.");
        t._tables.Add(own);

        // 3. Accuracy.
        var err = new Table { Title = "Max relative error over rounds against the scipy LU reference (||v - v_ref||_inf / ||v_ref||_inf), x / gradient", Header = ["case", .. All] };
        foreach (var r in results)
        {
            var row = new List<string> { r.Case.Name };
            row.AddRange(All.Select(c => ErrorCell(r, c)));
            err.Rows.Add(row.ToArray());
        }

        t._tables.Add(err);

        // 4. Absolute times.
        var abs = new Table { Title = "Seconds per solve + gradient (median over rounds of per-round medians)", Header = ["case", .. All, "1st call, checks", "1st call, none", "checks cost"] };
        foreach (var r in results)
        {
            var row = new List<string> { r.Case.Name };
            row.AddRange(All.Select(c => Time(r, c)));
            if (r.FirstCall is { } f)
            {
                row.Add(Seconds(f.WithChecks));
                row.Add(Seconds(f.WithoutChecks));
                row.Add((f.WithChecks / f.WithoutChecks).ToString("F2", CultureInfo.InvariantCulture));
            }
            else
            {
                row.AddRange(["-", "-", "-"]);
            }

            abs.Rows.Add(row.ToArray());
        }

        abs.Notes.Add("Timed calls are steady state (after 0.3 s of warm-up); a layer checks solvability once per parameter set, so they pay only the per-solve parameter checksum. '1st call': a fresh layer on a fresh copy of the matrix (no cached certificate), with the default checks and with CheckSolvability = false, median of three pairs in round 1; 'checks cost' is their ratio. Other contenders: the first call is a discarded warm-up unless it took over 1 s.");

        t._tables.Add(abs);

        // 4b. Iterations.
        var its = new Table { Title = "Iterations, solve / adjoint (last round; GMRES: inner iterations; direct: refinement steps)", Header = ["case", .. All] };
        foreach (var r in results)
        {
            var row = new List<string> { r.Case.Name };
            row.AddRange(All.Select(c => r.Runs.TryGetValue(c, out var runs) && runs.LastOrDefault() is { Skipped: null, IterationsX: >= 0 } last ? $"{last.IterationsX} / {(last.IterationsLambda >= 0 ? last.IterationsLambda.ToString(CultureInfo.InvariantCulture) : "-")}" : "-"));
            its.Rows.Add(row.ToArray());
        }

        t._tables.Add(its);

        // 5. Kernels.
        var kernels = new Table { Title = "Kernels: GB/s = bytes of the matrix / time (median over rounds), LieInter generated code against numpy/scipy (OpenBLAS, one thread)", Header = ["case", "matrix MB", "f GB/s", "JVP GB/s", "VJP GB/s", "A@x GB/s", "A.T@w GB/s", "f / A@x", "JVP / A@x", "VJP / A.T@w"] };
        foreach (var r in results.Where(r => r.Case.Kernels))
        {
            double bytes = r.Case.MatrixBytes;
            double Gb(double seconds) => bytes / seconds / 1e9;
            double f = PeerBenchmark.Median(r.LieInterKernels.Select(k => k.F));
            double j = PeerBenchmark.Median(r.LieInterKernels.Select(k => k.Jvp));
            double v = PeerBenchmark.Median(r.LieInterKernels.Select(k => k.Vjp));
            double mv = PeerBenchmark.Median(r.PeerKernels.Select(k => k.MatVec));
            double mvt = PeerBenchmark.Median(r.PeerKernels.Select(k => k.MatVecT));
            kernels.Rows.Add([r.Case.Name, (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture), F2(Gb(f)), F2(Gb(j)), F2(Gb(v)), F2(Gb(mv)), F2(Gb(mvt)), F2(mv / f), F2(mv / j), F2(mvt / v)]);
        }

        kernels.Notes.Add("f = model.Evaluate (A x + y); JVP = model.Jvp (f and A dx fused, one pass over A); VJP = model.Vjp (A^T w); peers: numpy A @ x and A.T @ w on the C-order array, scipy CSR A @ x and A.T @ w for the sparse case. Ratios above 1: LieInter moves more bytes per second.");
        t._tables.Add(kernels);

        // Failures and skips, said once each.
        foreach (var r in results)
        {
            foreach (var (name, runs) in r.Runs)
            {
                if (runs.FirstOrDefault(x => x.Error is not null) is { } bad)
                {
                    failures.Add($"{r.Case.Name} / {name}: fail in {runs.Count(x => x.Error is not null)} of {runs.Count} rounds: {bad.Error}");
                }
                else if (runs.FirstOrDefault(x => x.Skipped is not null) is { } skip)
                {
                    failures.Add($"{r.Case.Name} / {name}: {skip.Skipped}");
                }
            }
        }

        if (failures.Count > 0)
        {
            var notes = new Table { Title = "Failures and skips", Header = ["case / contender: what happened"] };
            foreach (var f in failures)
            {
                notes.Rows.Add([f]);
            }

            t._tables.Add(notes);
        }

        var cases = new Table { Title = "Cases", Header = ["case", "n", "stored", "description"] };
        foreach (var r in results)
        {
            cases.Rows.Add([r.Case.Name, r.Case.N.ToString(CultureInfo.InvariantCulture), r.Case.IsSparse ? $"CSR, nnz {r.Case.Sparse!.NonZeroCount:N0}" : "dense", r.Case.Description]);
        }

        t._tables.Add(cases);
        return t;
    }

    public string Text() => _preamble + Environment.NewLine + Environment.NewLine + string.Concat(_tables.Select(t => t.Text()));

    public string Markdown() => _preamble + Environment.NewLine + Environment.NewLine + string.Concat(_tables.Select(t => t.Markdown()));

    private static double Nan(double v) => double.IsNaN(v) ? double.PositiveInfinity : v;

    private static string F2(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static string Short(string? solver) => solver is null ? "-" : solver
        .Replace("adjoint: ", "", StringComparison.Ordinal)
        .Replace(" (m = 6, beta = 1)", "", StringComparison.Ordinal);

    private static string Lambda2(CaseResult r) =>
        r.Reference.ValueKind == System.Text.Json.JsonValueKind.Object && r.Reference.TryGetProperty("lambda2_over_rho", out var v)
            ? v.GetDouble().ToString("F3", CultureInfo.InvariantCulture)
            : "-";

    /// <summary>Median seconds over the rounds where the contender succeeded; NaN if it failed in any round.</summary>
    private static double MedianTime(CaseResult r, string name) =>
        r.Runs.TryGetValue(name, out var runs) && runs.Count > 0 && runs.All(x => x.Ok) ? PeerBenchmark.Median(runs.Select(x => x.Seconds)) : double.NaN;

    private static string Time(CaseResult r, string name)
    {
        if (!r.Runs.TryGetValue(name, out var runs) || runs.Count == 0)
        {
            return "-";
        }

        if (runs.Any(x => x.Skipped is not null))
        {
            return "skip";
        }

        return runs.Any(x => x.Error is not null) ? "fail" : Seconds(PeerBenchmark.Median(runs.Select(x => x.Seconds)));
    }

    private static string Seconds(double s) => s >= 1 ? s.ToString("F2", CultureInfo.InvariantCulture) : s >= 1e-3 ? s.ToString("F4", CultureInfo.InvariantCulture) : s.ToString("E2", CultureInfo.InvariantCulture);

    private static string RatioCell(CaseResult r, string name, string baseline)
    {
        if (!r.Runs.TryGetValue(name, out var runs) || !r.Runs.TryGetValue(baseline, out var bases))
        {
            return "-";
        }

        if (runs.Any(x => x.Skipped is not null))
        {
            return "skip";
        }

        if (runs.Any(x => x.Error is not null))
        {
            return "fail";
        }

        if (bases.Any(x => !x.Ok))
        {
            return "-";
        }

        double q = PeerBenchmark.Median(runs.Zip(bases, (p, b) => p.Seconds / b.Seconds));
        return q.ToString(q >= 100 ? "F0" : q >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);
    }

    private static string ErrorCell(CaseResult r, string name)
    {
        if (!r.Runs.TryGetValue(name, out var runs) || runs.Count == 0)
        {
            return "-";
        }

        if (runs.Any(x => x.Skipped is not null))
        {
            return "skip";
        }

        string Max(Func<ContenderRun, double> pick)
        {
            var values = runs.Select(pick).Where(v => !double.IsNaN(v)).ToList();
            return values.Count == 0 ? "-" : values.Max().ToString("0.0E+0", CultureInfo.InvariantCulture);
        }

        string cell = $"{Max(x => x.ErrorX)} / {Max(x => x.ErrorG)}";
        return runs.Any(x => x.Error is not null) ? $"fail ({cell})" : cell;
    }
}
