using System.Reflection;
using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Solvers;
using LieInter.Tests.Generated;
using Xunit.Abstractions;

namespace LieInter.Tests.Faults;

/// <summary>
/// Thousands of random cases (fixed seed): a corpus model at a random point, one injected fault, and the public API
/// driven as a user would. Every outcome must be either converged and checked independently (residual recomputed,
/// tangent against central differences, adjoint against the tangent) or a typed failure whose reason is the one the
/// fault calls for, with every buffer the caller passed in left as it was. Never an untyped exception, never a NaN
/// marked converged.
/// </summary>
public class FaultInjectionTests
{
    private const int Cases = 6_000;
    private readonly ITestOutputHelper _output;

    public FaultInjectionTests(ITestOutputHelper output) => _output = output;

    public enum Fault
    {
        None,
        NaNParameter,
        InfiniteParameter,
        ScaledUp,
        ScaledDown,
        ResizedBeforeBind,
        ResizedAfterBind,
        NaNWarmStart,
        InfiniteWarmStart,
        WrongLengthWarmStart,
        NaNCoordinate,
        OverflowingCoordinate,
        SingularStructure,
        ParameterChangedBeforeAdjoint,
        ParameterChangedBeforeTangent,
        NaNSeed,
        WrongLengthSeed,
        NaNDirection,
        WrongLengthDirection,
    }

    /// <summary>Models with a parameter the equilibrium is linear in (x* scales with it): for the scaling faults.</summary>
    private static readonly Dictionary<string, string> LinearIn = new()
    {
        ["DenseLeontief"] = "FinalDemand",
        ["SparseLeontief"] = "FinalDemand",
        ["HalfPlusConstant"] = "B",
    };

    private static IReadOnlyDictionary<string, Func<Random, (IEquilibriumModel Model, Func<Random, double> StateSample)>> Models { get; } =
        CorpusInstances.All.Concat(new[]
        {
            new KeyValuePair<string, Func<Random, (IEquilibriumModel, Func<Random, double>)>>("HalfPlusConstant", r => (new Solvers.HalfPlusConstant { B = 0.5 + r.NextDouble(), X = new double[1 + r.Next(4)] }, CorpusInstances.Uniform(0, 1))),
            new KeyValuePair<string, Func<Random, (IEquilibriumModel, Func<Random, double>)>>("NoFixedPoint", r => (new Solvers.NoFixedPoint { X = new double[1 + r.Next(4)] }, CorpusInstances.Uniform(-1, 1))),
        }).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void EveryInjectedFaultEndsConvergedAndCheckedOrAsItsOwnTypedFailure()
    {
        var rng = new Random(20261204);
        var counts = new Dictionary<Fault, (int Converged, int Typed)>();
        var violations = new List<string>();
        var faults = Enum.GetValues<Fault>();
        var names = Models.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        for (int c = 0; c < Cases; c++)
        {
            var fault = faults[rng.Next(faults.Length)];
            var candidates = names.Where(n => Applies(fault, n)).ToArray();
            string name = candidates[rng.Next(candidates.Length)];
            int seed = rng.Next();
            string label = $"case {c}: {fault} on {name} (seed {seed})";
            try
            {
                bool converged = Run(fault, name, new Random(seed), out string? problem);
                if (problem is not null)
                {
                    violations.Add($"{label}: {problem}");
                }

                var (cv, ty) = counts.GetValueOrDefault(fault);
                counts[fault] = converged ? (cv + 1, ty) : (cv, ty + 1);
            }
            catch (Exception e)
            {
                violations.Add($"{label}: untyped {e.GetType().Name}: {e.Message}");
            }
        }

        foreach (var f in faults)
        {
            var (cv, ty) = counts.GetValueOrDefault(f);
            _output.WriteLine($"{f,-30} {cv + ty,5} cases: {cv,5} converged and checked, {ty,5} typed failures");
        }

        _output.WriteLine($"{Cases} cases, {violations.Count} violations");
        Assert.True(counts.Values.Sum(v => v.Converged + v.Typed) >= 5_000, "fewer than 5,000 cases ran to an outcome");
        Assert.True(violations.Count == 0, $"{violations.Count} violations:\n" + string.Join("\n", violations.Take(25)));
        Assert.All(faults, f => Assert.True(counts.GetValueOrDefault(f).Converged + counts.GetValueOrDefault(f).Typed >= 100, $"{f} ran too few cases"));
    }

    private static bool Applies(Fault fault, string model) => model == "NoFixedPoint" ? fault == Fault.SingularStructure : fault switch
    {
        Fault.ScaledUp or Fault.ScaledDown => LinearIn.ContainsKey(model),
        Fault.SingularStructure => model is "DenseLeontief",
        Fault.OverflowingCoordinate => Build(model, new Random(1)).Schema.Interventions.Any(i => i.GroupType == typeof(Multiplicative)),
        Fault.NaNCoordinate or Fault.WrongLengthDirection => Build(model, new Random(1)).Schema.Interventions.Count > 0,
        Fault.ResizedBeforeBind or Fault.ResizedAfterBind => Arrays(Build(model, new Random(1))).Any(),
        Fault.ParameterChangedBeforeAdjoint or Fault.ParameterChangedBeforeTangent or Fault.NaNParameter or Fault.InfiniteParameter =>
            Build(model, new Random(1)).GetLayout().ParameterLength > 0,
        _ => true,
    };

    private static IEquilibriumModel Build(string name, Random r) => Models[name](r).Model;

    /// <summary>Runs one case; returns whether it converged, and the first broken rule in <paramref name="problem"/>.</summary>
    private static bool Run(Fault fault, string name, Random r, out string? problem)
    {
        problem = null;
        var (model, sample) = Models[name](r);
        var options = new EquilibriumSolverOptions
        {
            Method = (EquilibriumMethod)r.Next(3), // Default, Anderson or Newton-Krylov
            CheckSolvability = fault != Fault.SingularStructure || r.Next(2) == 0,
            Tolerances = new SolverOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-300 },
        };
        if (fault == Fault.ResizedBeforeBind)
        {
            // Refused with the member named, unless the arrays still agree (the only vector of a model resized):
            // then it is a healthy model of another size, solved and checked below.
            Resize(model, r);
            try
            {
                _ = new EquilibriumSystem(model);
            }
            catch (ModelShapeException e)
            {
                return Expect(e.ModelName == model.Schema.ModelName && e.Message.Contains('\'' + e.Member + '\''), $"shape error does not name the model and member: {e.Message}", out problem) && false;
            }
        }

        if (fault == Fault.SingularStructure)
        {
            MakeSingular(model);
        }

        var system = new EquilibriumSystem(model);
        var layer = new DifferentiableEquilibrium(system, options);
        var u = system.Coordinates;
        for (int k = 0; k < u.Length && fault != Fault.SingularStructure; k++)
        {
            u[k] = 0.1 * (r.NextDouble() - 0.5);
        }

        var theta = new double[system.Layout.ParameterLength];
        model.ReadParameters(theta);
        // A random warm start where the warm start is the fault; elsewhere the model's own state, where its
        // declared conditions are meant to hold (a condition checked at the start may refuse a random one).
        var warm = fault is Fault.NaNWarmStart or Fault.InfiniteWarmStart or Fault.WrongLengthWarmStart
            ? Enumerable.Range(0, system.Dimension).Select(_ => sample(r)).ToArray()
            : system.ReadState();
        switch (fault)
        {
            case Fault.NaNParameter or Fault.InfiniteParameter:
                {
                    int k = r.Next(theta.Length);
                    theta[k] = fault == Fault.NaNParameter ? double.NaN : double.NegativeInfinity;
                    model.WriteParameters(theta);
                    string parameter = system.Layout.Parameters.First(p => k >= p.Offset && k < p.End).Name;
                    return ExpectRefused(system, options, warm, SolveExitReason.InputNotFinite, $"'{parameter}", out problem);
                }

            case Fault.ResizedAfterBind:
                Resize(model, r);
                return ExpectRefused(system, options, warm, SolveExitReason.ShapeMismatch, "", out problem);
            case Fault.NaNWarmStart or Fault.InfiniteWarmStart:
                {
                    int k = r.Next(warm.Length);
                    warm[k] = fault == Fault.NaNWarmStart ? double.NaN : double.PositiveInfinity;
                    var (node, element) = system.Layout.NodeAt(k);
                    return ExpectRefused(system, options, warm, SolveExitReason.InputNotFinite, $"{node}[{element}]", out problem);
                }

            case Fault.WrongLengthWarmStart:
                return ExpectRefused(system, options, new double[warm.Length + 1 + r.Next(3)], SolveExitReason.ShapeMismatch, "warm start", out problem);
            case Fault.NaNCoordinate:
                u[r.Next(u.Length)] = double.NaN;
                return ExpectRefused(system, options, warm, SolveExitReason.InputNotFinite, "Lie intervention", out problem);
            case Fault.OverflowingCoordinate:
                {
                    var iv = system.Schema.Interventions.Select((s, i) => (s, i)).Where(p => p.s.GroupType == typeof(Multiplicative)).ToArray();
                    var (schema, index) = iv[r.Next(iv.Length)];
                    var seg = system.Layout.Interventions[index];
                    u[seg.Offset + r.Next(seg.Length)] = 710 + (100 * r.NextDouble());
                    return ExpectRefused(system, options, warm, SolveExitReason.Overflow, $"'{schema.Name}'", out problem);
                }

            case Fault.ScaledUp or Fault.ScaledDown:
                return CheckScaled(model, system, options, warm, LinearIn[name], fault == Fault.ScaledUp ? 1e200 : 1e-200, out problem);
        }

        // The remaining faults start from a solve.
        var warmCopy = (double[])warm.Clone();
        layer.SetState(warm);
        bool solved = layer.TrySolve(out var report);
        if (!Same(warm, warmCopy))
        {
            problem = "the warm start passed to SetState was changed";
            return false;
        }

        if (fault == Fault.SingularStructure)
        {
            // x = x + c (no equilibrium) or A = I: refused by the declared condition, or found singular.
            return Expect(!solved && report.ExitReason is SolveExitReason.Refused or SolveExitReason.SingularJacobian, $"singular structure ended {report}", out problem) && false;
        }

        if (!solved)
        {
            problem = $"a healthy model did not solve: {report}";
            return false;
        }

        if (!CheckSolution(system, layer.State, report, out problem))
        {
            return true;
        }

        int n = system.Dimension;
        var seed = Enumerable.Range(0, n).Select(_ => r.NextDouble() - 0.5).ToArray();
        var dTheta = Enumerable.Range(0, theta.Length).Select(k => (r.NextDouble() - 0.5) * (0.01 + Math.Abs(theta[k])) * 1e-2).ToArray();
        switch (fault)
        {
            case Fault.ParameterChangedBeforeAdjoint or Fault.ParameterChangedBeforeTangent:
                {
                    theta[r.Next(theta.Length)] *= 1.01;
                    theta[r.Next(theta.Length)] += 1e-3;
                    model.WriteParameters(theta);
                    var seedCopy = (double[])seed.Clone();
                    var lambda = layer.Adjoint.ToArray();
                    SolveReport rep;
                    bool ok = fault == Fault.ParameterChangedBeforeAdjoint
                        ? layer.TrySolveAdjoint(seed, out rep)
                        : layer.TryTangent(dTheta, default, new double[n], out rep);
                    return Expect(!ok && rep.ExitReason == SolveExitReason.ParametersChanged && Same(seed, seedCopy) && Same(lambda, layer.Adjoint.ToArray()), $"after a parameter change: {rep}", out problem) && false;
                }

            case Fault.NaNSeed or Fault.WrongLengthSeed:
                {
                    var bad = fault == Fault.NaNSeed ? seed : new double[n + 1];
                    if (fault == Fault.NaNSeed)
                    {
                        bad[r.Next(n)] = double.NaN;
                    }

                    var copy = (double[])bad.Clone();
                    var lambda = layer.Adjoint.ToArray();
                    bool ok = layer.TrySolveAdjoint(bad, out var rep);
                    var expected = fault == Fault.NaNSeed ? SolveExitReason.InputNotFinite : SolveExitReason.ShapeMismatch;
                    return Expect(!ok && rep.ExitReason == expected && Same(bad, copy) && Same(lambda, layer.Adjoint.ToArray()), $"bad seed: {rep}", out problem) && false;
                }

            case Fault.NaNDirection or Fault.WrongLengthDirection:
                {
                    var dx = Enumerable.Repeat(7.0, n).ToArray();
                    bool ok;
                    SolveReport rep;
                    if (fault == Fault.NaNDirection)
                    {
                        // Spoil the parameter direction or the coordinate direction (every model here has one).
                        bool spoilTheta = theta.Length > 0 && (u.Length == 0 || r.Next(2) == 0);
                        var badTheta = spoilTheta ? (double[])dTheta.Clone() : [];
                        var badU = spoilTheta ? [] : new double[u.Length];
                        var bad = spoilTheta ? badTheta : badU;
                        bad[r.Next(bad.Length)] = double.NaN;
                        var copy = (double[])bad.Clone();
                        ok = layer.TryTangent(badTheta, badU, dx, out rep);
                        return Expect(!ok && rep.ExitReason == SolveExitReason.InputNotFinite && dx.All(v => v == 7.0) && Same(bad, copy), $"NaN direction: {rep}", out problem) && false;
                    }

                    ok = layer.TryTangent(default, new double[u.Length + 1], dx, out rep);
                    return Expect(!ok && rep.ExitReason == SolveExitReason.ShapeMismatch && dx.All(v => v == 7.0), $"wrong-length direction: {rep}", out problem) && false;
                }
        }

        // No fault: the derivatives are checked independently.
        return CheckDerivatives(model, layer, theta, dTheta, seed, out problem) || true;
    }

    private static bool ExpectRefused(EquilibriumSystem system, EquilibriumSolverOptions options, double[] warm, SolveExitReason expected, string named, out string? problem)
    {
        var copy = (double[])warm.Clone();
        bool ok = new EquilibriumSolver(options).TrySolve(system, warm, out var report);
        Expect(!ok && report.ExitReason == expected && (report.Message ?? "").Contains(named, StringComparison.Ordinal) && Same(warm, copy),
            $"expected {expected} naming \"{named}\" with the warm start kept, got {report}", out problem);
        return false;
    }

    private static bool CheckScaled(IEquilibriumModel model, EquilibriumSystem system, EquilibriumSolverOptions options, double[] warm, string parameter, double scale, out string? problem)
    {
        // Reference at the original scale, then the same problem with the linear parameter (and warm start) scaled.
        var solver = new EquilibriumSolver(options);
        var reference = (double[])warm.Clone();
        if (!solver.TrySolve(system, reference, out var report))
        {
            problem = $"reference solve failed: {report}";
            return false;
        }

        var theta = new double[system.Layout.ParameterLength];
        model.ReadParameters(theta);
        var seg = system.Layout.Parameter(parameter);
        for (int k = seg.Offset; k < seg.End; k++)
        {
            theta[k] *= scale;
        }

        model.WriteParameters(theta);
        var x = warm.Select(v => v * scale).ToArray();
        if (!solver.TrySolve(system, x, out report))
        {
            problem = $"a finite problem scaled by {scale:E0} did not solve: {report}";
            return false;
        }

        for (int i = 0; i < x.Length; i++)
        {
            double expected = reference[i] * scale;
            if (!(Math.Abs(x[i] - expected) <= 1e-8 * Math.Abs(expected)))
            {
                problem = $"scaled by {scale:E0}: x[{i}] = {x[i]:E6}, expected {expected:E6}";
                return true;
            }
        }

        problem = null;
        return true;
    }

    /// <summary>Residual recomputed with the model itself, at the returned point.</summary>
    private static bool CheckSolution(EquilibriumSystem system, ReadOnlySpan<double> x, SolveReport report, out string? problem)
    {
        problem = null;
        var fx = new double[x.Length];
        system.Evaluate(x, fx);
        double r = 0, norm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            r = Math.Max(r, Math.Abs(fx[i] - x[i]));
            norm = Math.Max(norm, Math.Abs(x[i]));
        }

        if (!x.ToArray().All(double.IsFinite) || !(r <= report.Threshold * 1.0000001))
        {
            problem = $"converged, but the recomputed residual is {r:E3} against a threshold {report.Threshold:E3} (x finite: {x.ToArray().All(double.IsFinite)})";
            return false;
        }

        return true;
    }

    /// <summary>Tangent against central differences of the solution; adjoint against the tangent (w . dx =
    /// (lambda^T Jtheta) . dtheta).</summary>
    private static bool CheckDerivatives(IEquilibriumModel model, DifferentiableEquilibrium layer, double[] theta, double[] dTheta, double[] seed, out string? problem)
    {
        problem = null;
        int n = layer.System.Dimension;
        var x0 = layer.State.ToArray();
        var dx = new double[n];
        if (!layer.TryTangent(dTheta, default, dx, out var tangent))
        {
            problem = $"tangent failed at a healthy solution: {tangent}";
            return false;
        }

        var gradTheta = new double[theta.Length];
        var seedCopy = (double[])seed.Clone();
        layer.Backpropagate(seed, gradTheta, default);
        if (!Same(seed, seedCopy))
        {
            problem = "Backpropagate changed the seed";
            return false;
        }

        double wdx = seed.Zip(dx, (a, b) => a * b).Sum();
        double gd = gradTheta.Zip(dTheta, (a, b) => a * b).Sum();
        double scale = seed.Zip(dx, (a, b) => Math.Abs(a * b)).Sum() + 1e-300;
        if (!(Math.Abs(wdx - gd) <= 1e-7 * scale))
        {
            problem = $"adjoint and tangent disagree: w.dx = {wdx:E6}, grad.dtheta = {gd:E6}";
            return false;
        }

        const double h = 1e-3;
        var plus = SolutionAt(model, layer, theta, dTheta, h, x0);
        var minus = SolutionAt(model, layer, theta, dTheta, -h, x0);
        model.WriteParameters(theta);
        if (plus is null || minus is null)
        {
            problem = "a perturbed solve failed";
            return false;
        }

        double dxNorm = dx.Max(Math.Abs) + 1e-12 * x0.Max(v => Math.Abs(v) + 1e-300);
        for (int i = 0; i < n; i++)
        {
            double fd = (plus[i] - minus[i]) / (2 * h);
            if (!(Math.Abs(fd - dx[i]) <= 1e-5 * dxNorm + 1e-9))
            {
                problem = $"tangent dx[{i}] = {dx[i]:E6} but central differences give {fd:E6}";
                return false;
            }
        }

        return true;
    }

    private static double[]? SolutionAt(IEquilibriumModel model, DifferentiableEquilibrium layer, double[] theta, double[] dTheta, double h, double[] warm)
    {
        model.WriteParameters(theta.Zip(dTheta, (t, d) => t + (h * d)).ToArray());
        var x = (double[])warm.Clone();
        return new EquilibriumSolver(layer.Options).TrySolve(layer.System, x, out _) ? x : null;
    }

    private static bool Expect(bool holds, string otherwise, out string? problem)
    {
        problem = holds ? null : otherwise;
        return holds;
    }

    private static bool Same(double[] a, double[] b) => a.Length == b.Length && a.Zip(b).All(p => p.First.Equals(p.Second));

    /// <summary>The array members (vector nodes, vector and matrix parameters) a resize can hit.</summary>
    private static IEnumerable<(string Name, FieldInfo Field)> Arrays(IEquilibriumModel model) =>
        model.Schema.Nodes.Where(n => n.Shape == NodeShape.Vector).Select(n => n.Name)
            .Concat(model.Schema.Parameters.Where(p => p.Shape is ParameterShape.Vector or ParameterShape.Matrix or ParameterShape.SparseMatrix).Select(p => p.Name))
            .Select(n => (n, model.GetType().GetField(n)!));

    /// <summary>Replaces one array by a copy one longer or shorter (a matrix loses or gains a row or a column).</summary>
    private static (string Member, object Value) Resize(IEquilibriumModel model, Random r)
    {
        var arrays = Arrays(model).ToArray();
        var (name, field) = arrays[r.Next(arrays.Length)];
        int delta = r.Next(2) == 0 ? -1 : 1;
        object value = field.GetValue(model) switch
        {
            double[] v when v.Length + delta >= 1 => Enumerable.Range(0, v.Length + delta).Select(i => i < v.Length ? v[i] : 0.5).ToArray(),
            double[] v => Enumerable.Range(0, v.Length + 1).Select(i => i < v.Length ? v[i] : 0.5).ToArray(),
            double[,] m => ResizeMatrix(m, r.Next(2) == 0, m.GetLength(0) > 1 && m.GetLength(1) > 1 ? delta : 1),
            SparseMatrix s => SparseMatrix.FromDense(ResizeMatrix(s.ToDense(), r.Next(2) == 0, delta)),
            var other => throw new InvalidOperationException($"cannot resize {other}"),
        };
        field.SetValue(model, value);
        return (name, value);
    }

    private static double[,] ResizeMatrix(double[,] m, bool rows, int delta)
    {
        int nr = m.GetLength(0) + (rows ? delta : 0), nc = m.GetLength(1) + (rows ? 0 : delta);
        var result = new double[nr, nc];
        for (int i = 0; i < Math.Min(nr, m.GetLength(0)); i++)
        {
            for (int j = 0; j < Math.Min(nc, m.GetLength(1)); j++)
            {
                result[i, j] = m[i, j];
            }
        }

        return result;
    }

    /// <summary>A = I in a Leontief model: I - A = 0 (NoFixedPoint, x = x + 1, is singular as it is).</summary>
    private static void MakeSingular(IEquilibriumModel model)
    {
        if (model is DenseLeontief d)
        {
            d.A = new double[d.X.Length, d.X.Length];
            for (int i = 0; i < d.X.Length; i++)
            {
                d.A[i, i] = 1;
            }
        }
    }
}
