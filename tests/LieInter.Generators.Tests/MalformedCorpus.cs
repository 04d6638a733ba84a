namespace LieInter.Generators.Tests;

/// <summary>
/// More than a thousand malformed or partial model sources: every corpus model truncated at random points, and
/// systematic mutations (wrong member types, missing or duplicate assignments, unknown names, bad signatures,
/// non-smooth, impure and unsupported code). Shared by the generator and analyzer robustness tests.
/// </summary>
public static class MalformedCorpus
{
    public static IReadOnlyList<(string Label, string Source)> Build(int truncationsPerModel = 55, int seed = 12345)
    {
        var r = new Random(seed);
        var list = new List<(string, string)>();
        var bases = Sources.CorpusTypes().Where(t => t.Name != "PowerGroup").ToList();
        foreach (var (name, source) in bases)
        {
            for (int k = 0; k < truncationsPerModel; k++)
            {
                int cut = r.Next(1, source.Length);
                list.Add(($"{name} truncated at {cut}", source.Substring(0, cut)));
            }
        }

        foreach (var (name, source) in bases)
        {
            foreach (var (label, mutate) in Mutations)
            {
                var mutated = mutate(source);
                if (mutated != source)
                {
                    list.Add(($"{name}: {label}", mutated));
                }
            }
        }

        foreach (var (label, body) in Snippets)
        {
            list.Add((label, "namespace Snippets;\n" + body));
        }

        return list;
    }

    private static readonly (string Label, Func<string, string> Mutate)[] Mutations =
    [
        ("node of type int", s => s.Replace("[Node] public double ", "[Node] public int ")),
        ("node of type string", s => s.Replace("[Node] public double[] ", "[Node] public string ")),
        ("node of type double[,]", s => s.Replace("[Node] public double[] ", "[Node] public double[,] ")),
        ("parameter of type float", s => s.Replace("[Parameter] public double ", "[Parameter] public float ")),
        ("parameter of type List<double>", s => s.Replace("[Parameter] public double[] ", "[Parameter] public System.Collections.Generic.List<double> ")),
        ("static node", s => s.Replace("[Node] public double", "[Node] public static double")),
        ("readonly node", s => s.Replace("[Node] public double", "[Node] public readonly double")),
        ("missing assignment", s => RemoveFirst(s, "[Assignment(")),
        ("duplicate assignment", s => DuplicateFirstAssignment(s)),
        ("unknown node name", s => ReplaceFirst(s, "[Assignment(nameof(", "[Assignment(\"Nope\"); [Obsolete] private static int Dummy() => 0; //")),
        ("unknown literal node", s => ReplaceFirstRegex(s, @"\[Assignment\(nameof\((\w+)\)\)\]", "[Assignment(\"Missing\")]")),
        ("scalar signature on vector", s => s.Replace("(int i)\n", "()\n").Replace("(int i) =>", "() =>")),
        ("element signature on scalar", s => s.Replace("double AssignX() =>", "double AssignX(int i) =>").Replace("double AssignTotal()", "double AssignTotal(int k)")),
        ("int return type", s => ReplaceFirstRegex(s, @"\]\s*double (Assign\w+)\(", "] int $1(")),
        ("static assignment", s => ReplaceFirstRegex(s, @"\]\s*double (Assign\w+)\(", "] static double $1(")),
        ("not partial", s => s.Replace("public partial class", "public class")),
        ("unknown intervention target", s => s.Replace("[LieIntervention(\"", "[LieIntervention(\"Extra\", typeof(Multiplicative), \"NoSuchNode\")]\n[LieIntervention(\"")),
        ("bad group type", s => s.Replace("typeof(Multiplicative)", "typeof(string)")),
        ("duplicate intervention name", s => s.Replace("[Solvability(", "[LieIntervention(\"Twice\", typeof(Shift), nameof(Dummy))]\n[LieIntervention(\"Twice\", typeof(Shift), nameof(Dummy))]\n[Solvability(")),
        ("Math.Abs", s => s.Replace("Math.Exp(", "Math.Abs(").Replace("Math.Tanh(", "Math.Abs(").Replace("Math.Sin(", "Math.Abs(")),
        ("Math.Max", s => ReplaceFirst(s, "return s;", "return Math.Max(s, 0.0);")),
        ("remainder on reals", s => ReplaceFirst(s, "return s;", "return s % 1.5;")),
        ("cast to int", s => ReplaceFirst(s, "return s;", "return (int)s;")),
        ("branch on a node", s => ReplaceFirst(s, "return s;", "if (s > 1) return s; return 2 * s;")),
        ("static mutable read", s => ReplaceFirst(s, "return s;", "return s + Counter;").Replace("public partial class", "public partial class").Replace("{\n    [Parameter]", "{\n    public static double Counter;\n    [Parameter]")),
        ("Random", s => ReplaceFirst(s, "return s;", "return s + new Random(1).NextDouble();")),
        ("DateTime", s => ReplaceFirst(s, "return s;", "return s + DateTime.Now.Second;")),
        ("writes a parameter", s => ReplaceFirstRegex(s, @"(\[Parameter\] public double )(\w+)", "$1$2").Replace("return s;", "FinalDemand[0] = 1; return s;")),
        ("while loop", s => ReplaceFirst(s, "for (int j = 0; j < X.Length; j++)", "int j = 0; while (j < X.Length)")),
        ("foreach loop", s => ReplaceFirst(s, "for (int j = 0; j < X.Length; j++)", "foreach (var j in new int[0])")),
        ("node-dependent loop bound", s => ReplaceFirst(s, "j < X.Length;", "j < (int)X[0];")),
        ("recursion", s => ReplaceFirst(s, "return s;", "return s + AssignX(i);")),
        ("unmarked helper", s => s.Replace("[Smooth] ", "")),
        ("local array", s => ReplaceFirst(s, "double s = ", "double[] tmp = new double[2]; double s = tmp[0] + ")),
        ("try/catch", s => ReplaceFirst(s, "return s;", "try { return s; } catch { return 0; }")),
        ("string local", s => ReplaceFirst(s, "return s;", "string name = \"x\"; return s + name.Length;")),
        ("loop counter modified", s => ReplaceFirst(s, "s += A[i, j] * X[j];", "s += A[i, j] * X[j]; j++;")),
        ("integer local reassigned", s => ReplaceFirst(s, "int previous = i - 1;", "int previous = i - 1; previous = 0;")),
        ("unknown identifier", s => ReplaceFirst(s, "return s;", "return s + Undefined;")),
        ("missing semicolon", s => ReplaceFirst(s, "return s;", "return s")),
        ("unbalanced braces", s => ReplaceFirst(s, "return s;", "return s; }}")),
        ("solvability on unknown parameter", s => s.Replace("Parameter = nameof(A)", "Parameter = \"Q\"")),
        ("custom solvability without method", s => s.Replace("[Solvability(SolvabilityKind.Contraction, Bound = 0.9)]", "[Solvability(SolvabilityKind.Custom, Method = \"Check\")]")),
        ("contraction bound above one", s => s.Replace("Bound = 0.9", "Bound = 1.5")),
        ("no solvability", s => System.Text.RegularExpressions.Regex.Replace(s, @"\[Solvability\([^\]]*\)\]\n", "")),
    ];

    private static readonly (string Label, string Body)[] Snippets =
    [
        ("empty class with node", "public partial class E { [Node] public double X; }"),
        ("assignment without node", "public partial class E { [Assignment(\"X\")] double F() => 1; }"),
        ("generic model", "public partial class G<T> { [Node] public double X; [Assignment(nameof(X))] double F() => 0.5 * X; }"),
        ("struct model", "public partial struct S { [Node] public double X; [Assignment(nameof(X))] double F() => 0.5 * X; }"),
        ("nested non-partial container", "public class Outer { public partial class M { [Node] public double X; [Assignment(nameof(X))] double F() => 0.5 * X + 1; } }"),
        ("nested partial container", "[Solvability(SolvabilityKind.Contraction)] public partial class Outer { [Solvability(SolvabilityKind.Contraction)] public partial class M { [Node] public double X; [Assignment(nameof(X))] double F() => 0.5 * X + 1; } }"),
        ("global namespace model", "} [Solvability(SolvabilityKind.Contraction)] public partial class GlobalModel { [Node] public double X; [Assignment(nameof(X))] double F() => 0.5 * X + 1; }"),
        ("property nodes", "[Solvability(SolvabilityKind.Contraction)] public partial class P { [Node] public double X { get; set; } [Parameter] public double[] V { get; set; } = new double[2]; [Assignment(nameof(X))] double F() => 0.5 * X + V[0]; }"),
        ("get-only property node", "public partial class P { [Node] public double X { get; } [Assignment(nameof(X))] double F() => 1; }"),
        ("abstract assignment", "public abstract partial class P { [Node] public double X; [Assignment(nameof(X))] protected abstract double F(); }"),
        ("expression with lambda", "public partial class P { [Node] public double X; [Assignment(nameof(X))] double F() { Func<double> g = () => X; return g(); } }"),
        ("node and parameter at once", "public partial class P { [Node, Parameter] public double X; [Assignment(nameof(X))] double F() => 1; }"),
        ("attribute with null name", "public partial class P { [Node] public double X; [Assignment(null!)] double F() => 1; }"),
        ("intervention without targets", "[LieIntervention(\"A\", typeof(Multiplicative))] public partial class P { [Node] public double X; [Assignment(nameof(X))] double F() => 1; }"),
        ("intervention with null group", "[LieIntervention(\"A\", null!, \"X\")] public partial class P { [Node] public double X; [Assignment(nameof(X))] double F() => 1; }"),
        ("huge literal", "public partial class P { [Node] public double X; [Assignment(nameof(X))] double F() => 1e308 * 10 + X * 0; }"),
        ("unicode names", "public partial class Ünïcode { [Node] public double Größe; [Assignment(nameof(Größe))] double Zuweisung() => 1.0; }"),
        ("keyword-like names", "public partial class P { [Node] public double @double; [Assignment(nameof(@double))] double F() => 1.0; }"),
    ];

    private static string RemoveFirst(string s, string marker)
    {
        int k = s.IndexOf(marker, StringComparison.Ordinal);
        if (k < 0)
        {
            return s;
        }

        int end = s.IndexOf(']', k);
        return s.Remove(k, end - k + 1);
    }

    private static string ReplaceFirst(string s, string what, string with)
    {
        int k = s.IndexOf(what, StringComparison.Ordinal);
        return k < 0 ? s : s.Substring(0, k) + with + s.Substring(k + what.Length);
    }

    private static string ReplaceFirstRegex(string s, string pattern, string replacement) =>
        new System.Text.RegularExpressions.Regex(pattern).Replace(s, replacement, 1);

    private static string DuplicateFirstAssignment(string s)
    {
        var m = System.Text.RegularExpressions.Regex.Match(s, @"\[Assignment\(nameof\((\w+)\)\)\]\s*double (\w+)\(([^)]*)\)");
        if (!m.Success)
        {
            return s;
        }

        string extra = $"[Assignment(nameof({m.Groups[1].Value}))] double {m.Groups[2].Value}Again({m.Groups[3].Value}) => 0.0;\n    ";
        return s.Insert(m.Index, extra);
    }
}
