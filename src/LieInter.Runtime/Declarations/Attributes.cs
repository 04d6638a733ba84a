namespace LieInter;

/// <summary>Marks a field or property of type <c>double</c> (scalar node) or <c>double[]</c> (vector node)
/// as a node of the structural causal model. A vector node's length is the length of the array it holds.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class NodeAttribute : Attribute
{
}

/// <summary>Marks a field or property of type <c>double</c>, <c>double[]</c>, <c>double[,]</c> or
/// <see cref="SparseMatrix"/> as a parameter theta of the model. Derivatives with respect to parameters
/// are generated; for a sparse matrix they are taken with respect to its stored values.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
}

/// <summary>Marks an instance method as the structural assignment of a node: <c>double F()</c> for a scalar
/// node, <c>double F(int i)</c> for element <c>i</c> of a vector node.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AssignmentAttribute : Attribute
{
    public AssignmentAttribute(string node) => Node = node;

    /// <summary>Name of the node this method assigns.</summary>
    public string Node { get; }
}

/// <summary>Marks a helper method that assignments may call. The generator inlines it and differentiates it;
/// it must itself stay inside the differentiable subset.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SmoothAttribute : Attribute
{
}

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
