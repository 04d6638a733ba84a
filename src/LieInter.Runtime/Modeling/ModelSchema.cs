namespace LieInter.Modeling;

/// <summary>Shape of a node: one value, or an array whose length is fixed when the model is bound.</summary>
public enum NodeShape
{
    Scalar,
    Vector,
}

/// <summary>Shape of a parameter. Sparse matrices are differentiated with respect to their stored values.</summary>
public enum ParameterShape
{
    Scalar,
    Vector,
    Matrix,
    SparseMatrix,
}

/// <summary>What a Lie intervention target refers to.</summary>
public enum InterventionTargetKind
{
    /// <summary>The group acts on the value returned by the node's assignment.</summary>
    NodeAssignment,

    /// <summary>The group acts on every read of the parameter's value(s).</summary>
    Parameter,
}

/// <summary>A [Node]: its name, shape, and the assignment method that defines it.</summary>
public sealed record NodeSchema(string Name, NodeShape Shape, string AssignmentMethod);

/// <summary>A [Parameter]: its name and shape.</summary>
public sealed record ParameterSchema(string Name, ParameterShape Shape);

/// <summary>One target of a Lie intervention: a node (its assignment) or a parameter (every read of it).</summary>
public sealed record InterventionTargetSchema(string Name, InterventionTargetKind Kind);

/// <summary>A declared Lie intervention. <see cref="GroupType"/> implements <see cref="LieGroups.ILieGroup{TSelf}"/>.</summary>
public sealed record InterventionSchema(string Name, Type GroupType, IReadOnlyList<InterventionTargetSchema> Targets, bool Shared);

/// <summary>How the elements of a child node depend on the elements of a parent node, as read off the code.</summary>
public enum ElementDependencyKind
{
    /// <summary>Both nodes are scalars.</summary>
    Scalar,

    /// <summary>Scalar parent, vector child: every element reads it.</summary>
    Broadcast,

    /// <summary>Vector parent, scalar child: the child reads (possibly) every element.</summary>
    Reduction,

    /// <summary>Child element i reads parent elements i + k for the listed offsets k.</summary>
    Banded,

    /// <summary>Child element i reads parent elements through a sparse parameter's column indices for row i.</summary>
    SparseRows,

    /// <summary>Child element i may read any parent element.</summary>
    Dense,
}

/// <summary>An arrow of the causal graph: <see cref="Parent"/> appears in the assignment of <see cref="Child"/>.</summary>
public sealed record CausalEdge(string Parent, string Child, ElementDependencyKind Dependency, IReadOnlyList<int> Offsets, string? SparseParameter = null)
{
    public override string ToString() => $"{Parent} -> {Child} ({Dependency})";
}

/// <summary>The causal graph of a model, read off the assignments at compile time.</summary>
public sealed class CausalGraph
{
    public CausalGraph(IReadOnlyList<string> nodes, IReadOnlyList<CausalEdge> edges, IReadOnlyDictionary<string, IReadOnlyList<string>> parametersRead)
    {
        Nodes = nodes;
        Edges = edges;
        ParametersRead = parametersRead;
    }

    public IReadOnlyList<string> Nodes { get; }

    public IReadOnlyList<CausalEdge> Edges { get; }

    /// <summary>For each node, the parameters its assignment reads.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ParametersRead { get; }

    public IEnumerable<string> ParentsOf(string node) => Edges.Where(e => e.Child == node).Select(e => e.Parent);

    public IEnumerable<string> ChildrenOf(string node) => Edges.Where(e => e.Parent == node).Select(e => e.Child);

    /// <summary>True when some directed path leads from <paramref name="from"/> to <paramref name="to"/>
    /// (a node reaches itself only through a cycle).</summary>
    public bool HasPath(string from, string to) =>
        Structure.InvarianceRules.HasPath(Edges.Select(e => new KeyValuePair<string, string>(e.Parent, e.Child)), from, to);

    /// <summary>True when the graph has a directed cycle (self-loops included).</summary>
    public bool HasCycle => Nodes.Any(n => HasPath(n, n));
}

/// <summary>Compile-time description of a model: nodes, parameters, interventions, graph and structure flags.</summary>
public sealed class ModelSchema
{
    public ModelSchema(
        string modelName,
        IReadOnlyList<NodeSchema> nodes,
        IReadOnlyList<ParameterSchema> parameters,
        IReadOnlyList<InterventionSchema> interventions,
        CausalGraph graph,
        bool isAffineInState,
        IReadOnlyList<SolvabilityDeclaration>? solvability = null)
    {
        Solvability = solvability ?? [];
        ModelName = modelName;
        Nodes = nodes;
        Parameters = parameters;
        Interventions = interventions;
        Graph = graph;
        IsAffineInState = isAffineInState;
    }

    public string ModelName { get; }

    public IReadOnlyList<NodeSchema> Nodes { get; }

    public IReadOnlyList<ParameterSchema> Parameters { get; }

    public IReadOnlyList<InterventionSchema> Interventions { get; }

    public CausalGraph Graph { get; }

    /// <summary>True when the generator proved f affine in the state x (f(x) = J x + c with J independent of x),
    /// so a direct linear solve applies.</summary>
    public bool IsAffineInState { get; }

    /// <summary>Declared solvability conditions (<see cref="SolvabilityAttribute"/>), checked before solving.</summary>
    public IReadOnlyList<SolvabilityDeclaration> Solvability { get; }

    public int NodeIndex(string name)
    {
        for (int k = 0; k < Nodes.Count; k++)
        {
            if (Nodes[k].Name == name)
            {
                return k;
            }
        }

        throw new ArgumentException($"Model '{ModelName}' has no node named '{name}'. Nodes: {string.Join(", ", Nodes.Select(n => n.Name))}.", nameof(name));
    }

    public int ParameterIndex(string name)
    {
        for (int k = 0; k < Parameters.Count; k++)
        {
            if (Parameters[k].Name == name)
            {
                return k;
            }
        }

        throw new ArgumentException($"Model '{ModelName}' has no parameter named '{name}'. Parameters: {string.Join(", ", Parameters.Select(n => n.Name))}.", nameof(name));
    }

    public int InterventionIndex(string name)
    {
        for (int k = 0; k < Interventions.Count; k++)
        {
            if (Interventions[k].Name == name)
            {
                return k;
            }
        }

        throw new ArgumentException($"Model '{ModelName}' declares no Lie intervention named '{name}'. Declared: {string.Join(", ", Interventions.Select(n => n.Name))}.", nameof(name));
    }
}
