namespace LieInter.Modeling;

/// <summary>An arrow of the causal graph: <see cref="Parent"/> appears in the assignment of <see cref="Child"/>.</summary>
public sealed record CausalEdge(string Parent, string Child, ElementDependencyKind Dependency, IReadOnlyList<int> Offsets, string? SparseParameter = null)
{
    public override string ToString() => $"{Parent} -> {Child} ({Dependency})";
}
