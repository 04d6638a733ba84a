namespace LieInter;

/// <summary>Declares a Lie intervention (Def. 3 of the paper): the Lie group <see cref="Group"/> acts on
/// the assignments of the target nodes, or on the values of the target parameters. On a vector or matrix target
/// the intervention is distributed: one set of group coordinates per element, unless <see cref="Shared"/>.
/// Coordinates are Lie-algebra coordinates: <c>u = 0</c> is the identity (the unintervened model).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LieInterventionAttribute : Attribute
{
    public LieInterventionAttribute(string name, Type group, params string[] targets)
    {
        Name = name;
        Group = group;
        Targets = targets;
    }

    public string Name { get; }

    /// <summary>A type implementing <see cref="LieGroups.ILieGroup{TSelf}"/>, such as <see cref="Multiplicative"/>.</summary>
    public Type Group { get; }

    /// <summary>Node or parameter names.</summary>
    public string[] Targets { get; }

    /// <summary>When true, one set of coordinates acts on every targeted element (a scalar intervention on a
    /// vector target); when false (the default) the intervention is distributed over the elements.</summary>
    public bool Shared { get; set; }
}
