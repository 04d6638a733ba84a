using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using LieInter.Modeling;

namespace LieInter.Generators.Tests;

/// <summary>
/// Every entry of the smooth-function table, its derivative templates compiled as the generator emits them and
/// compared with central differences of the function itself, at points sampled inside its domain. A wrong template
/// in the table (Tan's, say) fails here, whether or not a corpus model calls it.
/// </summary>
public class SmoothFunctionTableTests
{
    public static TheoryData<string> Keys => new(SmoothFunctionTable.Functions.Select(f => f.Key));

    private static readonly Lazy<Type> Probes = new(CompileProbes);

    [Fact]
    public void TheTableHasEveryFunctionOnce() =>
        Assert.Equal(SmoothFunctionTable.Functions.Count, SmoothFunctionTable.Functions.Select(f => f.Key + "/" + f.Arity).Distinct().Count());

    [Theory]
    [MemberData(nameof(Keys))]
    public void EveryPartialMatchesCentralDifferences(string key)
    {
        var f = SmoothFunctionTable.FindByKey(key)!;
        var value = Probes.Value.GetMethod(Name(f, -1))!;
        var partials = Enumerable.Range(0, f.Arity).Select(k => Probes.Value.GetMethod(Name(f, k))!).ToArray();
        double F(double[] a) => (double)value.Invoke(null, a.Cast<object>().ToArray())!;

        // string.GetHashCode differs from run to run; this seed does not.
        var rng = new Random(key.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) & 0x7fffffff);
        int tested = 0;
        for (int attempt = 0; attempt < 400 && tested < 12; attempt++)
        {
            // Boxes that between them cover each entry's domain: signed, in (0, 1) and above 1 (Acosh).
            var (lo, hi) = (attempt % 3) switch { 0 => (-0.9, 0.9), 1 => (0.1, 0.9), _ => (1.2, 3.0) };
            var a = Enumerable.Range(0, f.Arity).Select(_ => lo + ((hi - lo) * rng.NextDouble())).ToArray();
            if (!double.IsFinite(F(a)))
            {
                continue;
            }

            double Central(int k, double h)
            {
                var plus = (double[])a.Clone();
                var minus = (double[])a.Clone();
                plus[k] += h;
                minus[k] -= h;
                return (F(plus) - F(minus)) / (2 * h);
            }

            // Near a pole (Tan at pi/2) central differences are not accurate at this step: where halving the step
            // moves them by more than the tolerance, the point says nothing about the template and is skipped.
            double Step(int k) => 1e-5 * Math.Max(1, Math.Abs(a[k]));
            bool Resolved(int k)
            {
                double coarse = Central(k, Step(k)), fine = Central(k, 0.5 * Step(k));
                return Math.Abs(coarse - fine) <= 1e-7 * Math.Max(1, Math.Abs(fine));
            }

            if (!Enumerable.Range(0, f.Arity).All(Resolved))
            {
                continue;
            }

            for (int k = 0; k < f.Arity; k++)
            {
                double fd = Central(k, Step(k));
                double d = (double)partials[k].Invoke(null, a.Cast<object>().ToArray())!;
                Assert.True(double.IsFinite(fd) && Math.Abs(d - fd) <= 1e-6 * Math.Max(1, Math.Abs(fd)),
                    $"{key}: d/d arg{k} at ({string.Join(", ", a.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}) is {d:R} by its template, {fd:R} by central differences");
            }

            tested++;
        }

        Assert.True(tested >= 12, $"{key}: only {tested} points of its domain were found");
    }

    private static string Name(SmoothFunction f, int partial) =>
        f.Key.Replace('.', '_') + "_" + f.Arity + (partial < 0 ? "" : "_d" + partial);

    /// <summary>One class with, per entry, the function and each partial as the generator writes them.</summary>
    private static Type CompileProbes()
    {
        var src = new StringBuilder("public static class Probes\n{\n");
        foreach (var f in SmoothFunctionTable.Functions)
        {
            var args = Enumerable.Range(0, f.Arity).Select(i => "a" + i).ToArray();
            string parameters = string.Join(", ", args.Select(a => "double " + a));
            string call = $"{f.EmitName}({string.Join(", ", args)})";
            src.AppendLine($"    public static double {Name(f, -1)}({parameters}) => {call};");
            for (int k = 0; k < f.Arity; k++)
            {
                src.AppendLine($"    public static double {Name(f, k)}({parameters}) {{ double r = {call}; return {f.Partial(k, args, "r")}; }}");
            }
        }

        src.AppendLine("}");
        var compilation = GeneratorHarness.Compilation(src.ToString());
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        pe.Position = 0;
        var context = new AssemblyLoadContext("smooth-table-probes", isCollectible: true);
        context.Resolving += (c, name) => name.Name == typeof(IEquilibriumModel).Assembly.GetName().Name ? typeof(IEquilibriumModel).Assembly : null;
        return context.LoadFromStream(pe).GetType("Probes")!;
    }
}
