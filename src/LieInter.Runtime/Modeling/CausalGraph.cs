namespace LieInter.Modeling;

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
