using System.Collections.Generic;
using System.Linq;

namespace LieInter.Generators;

/// <summary>A smooth real function assignments may call, with C# templates for its partial derivatives.</summary>
/// <remarks>In templates, <c>{0}</c>, <c>{1}</c>, ... stand for the arguments' primal values and <c>{r}</c> for the
/// result; a template that mentions an operand tells the adjoint sweep it needs that value.</remarks>
internal sealed class SmoothFunction
{
    public SmoothFunction(string containingType, string name, string emitName, string[] partials)
    {
        ContainingType = containingType;
        Name = name;
        EmitName = emitName;
        Partials = partials;
    }

    /// <summary>Metadata name of the declaring type, e.g. <c>System.Math</c>.</summary>
    public string ContainingType { get; }

    public string Name { get; }

    /// <summary>Fully qualified callee used in generated code.</summary>
    public string EmitName { get; }

    /// <summary>d f / d arg_k, one template per parameter.</summary>
    public string[] Partials { get; }

    public int Arity => Partials.Length;

    /// <summary>Key used in the IR: <c>Math.Exp</c>, <c>Smooth.Abs</c>.</summary>
    public string Key => ContainingType.Substring(ContainingType.LastIndexOf('.') + 1) + "." + Name;

    public string Partial(int k, IReadOnlyList<string> args, string result)
    {
        string t = Partials[k].Replace("{r}", result);
        for (int i = 0; i < args.Count; i++)
        {
            t = t.Replace("{" + i + "}", args[i]);
        }

        return t;
    }

    /// <summary>Operand indices (and -1 for the result) whose primal values d f / d arg_k needs.</summary>
    public IEnumerable<int> Needs(int k)
    {
        for (int i = 0; i < Arity; i++)
        {
            if (Partials[k].Contains("{" + i + "}"))
            {
                yield return i;
            }
        }

        if (Partials[k].Contains("{r}"))
        {
            yield return -1;
        }
    }
}

/// <summary>
/// The one table of smooth operations, shared by the generator (which differentiates them) and the analyzers
/// (which flag calls outside it). Non-smooth functions are listed separately for LIE0101.
/// </summary>
internal static class SmoothFunctionTable
{
    private const string M = "global::System.Math.";
    private const string SD = "global::LieInter.SmoothDerivatives.";

    public static readonly IReadOnlyList<SmoothFunction> Functions = new[]
    {
        Math("Exp", "{r}"),
        Math("Log", "1.0 / {0}"),
        Math("Log10", "1.0 / ({0} * 2.302585092994046)"),
        Math("Log2", "1.0 / ({0} * 0.6931471805599453)"),
        Math("Sqrt", "0.5 / {r}"),
        Math("Cbrt", "1.0 / (3.0 * {r} * {r})"),
        Math("Pow", "{1} * " + M + "Pow({0}, {1} - 1.0)", "{r} * " + M + "Log({0})"),
        Math("Sin", M + "Cos({0})"),
        Math("Cos", "-" + M + "Sin({0})"),
        Math("Tan", "1.0 + {r} * {r}"),
        Math("Asin", "1.0 / " + M + "Sqrt(1.0 - {0} * {0})"),
        Math("Acos", "-1.0 / " + M + "Sqrt(1.0 - {0} * {0})"),
        Math("Atan", "1.0 / (1.0 + {0} * {0})"),
        Math("Atan2", "{1} / ({0} * {0} + {1} * {1})", "-{0} / ({0} * {0} + {1} * {1})"),
        Math("Sinh", M + "Cosh({0})"),
        Math("Cosh", M + "Sinh({0})"),
        Math("Tanh", "1.0 - {r} * {r}"),
        Math("Asinh", "1.0 / " + M + "Sqrt({0} * {0} + 1.0)"),
        Math("Acosh", "1.0 / " + M + "Sqrt({0} * {0} - 1.0)"),
        Math("Atanh", "1.0 / (1.0 - {0} * {0})"),
        Smooth("Abs", SD + "AbsDx({0}, {1})", SD + "AbsDWidth({0}, {1})"),
        Smooth("Max", SD + "MaxDa({0}, {1}, {2})", SD + "MaxDb({0}, {1}, {2})", SD + "MaxDWidth({0}, {1}, {2})"),
        Smooth("Min", SD + "MinDa({0}, {1}, {2})", SD + "MinDb({0}, {1}, {2})", SD + "MinDWidth({0}, {1}, {2})"),
        Smooth("Softplus", SD + "SoftplusDx({0}, {1})", SD + "SoftplusDWidth({0}, {1})"),
        Smooth("Sigmoid", "{r} * (1.0 - {r})"),
    };

    /// <summary>Calls that are not smooth (LIE0101), by declaring type and name.</summary>
    public static readonly IReadOnlyList<(string Type, string Name)> NonSmooth = new[]
    {
        ("System.Math", "Abs"), ("System.Math", "Min"), ("System.Math", "Max"), ("System.Math", "Floor"),
        ("System.Math", "Ceiling"), ("System.Math", "Round"), ("System.Math", "Truncate"), ("System.Math", "Sign"),
        ("System.Math", "Clamp"), ("System.Math", "CopySign"), ("System.Math", "IEEERemainder"),
        ("System.Math", "MaxMagnitude"), ("System.Math", "MinMagnitude"),
        ("System.Double", "Abs"), ("System.Double", "Min"), ("System.Double", "Max"), ("System.Double", "Floor"),
        ("System.Double", "Ceiling"), ("System.Double", "Round"), ("System.Double", "Truncate"), ("System.Double", "Sign"),
        ("System.Double", "Clamp"),
    };

    /// <summary>Real constants readable as fields.</summary>
    public static readonly IReadOnlyDictionary<string, double> Constants = new Dictionary<string, double>
    {
        ["System.Math.PI"] = System.Math.PI,
        ["System.Math.E"] = System.Math.E,
        ["System.Math.Tau"] = 2 * System.Math.PI,
    };

    public static SmoothFunction? Find(string containingType, string name, int arity) =>
        Functions.FirstOrDefault(f => f.ContainingType == containingType && f.Name == name && f.Arity == arity);

    public static SmoothFunction? FindByKey(string key) => Functions.FirstOrDefault(f => f.Key == key);

    /// <param name="containingType">Metadata name of the declaring type; the display name "double" also works.</param>
    public static bool IsNonSmooth(string containingType, string name)
    {
        string type = containingType == "double" ? "System.Double" : containingType;
        return NonSmooth.Any(n => n.Type == type && n.Name == name);
    }

    private static SmoothFunction Math(string name, params string[] partials) =>
        new("System.Math", name, M + name, partials);

    private static SmoothFunction Smooth(string name, params string[] partials) =>
        new("LieInter.Smooth", name, "global::LieInter.Smooth." + name, partials);
}
