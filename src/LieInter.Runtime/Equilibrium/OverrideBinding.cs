using LieInter.Modeling;

namespace LieInter.Equilibrium;

/// <summary>Where an override sits: the node it replaces and its parents' segments in the parent vector.</summary>
public sealed record OverrideBinding(string Node, int NodeLength, IReadOnlyList<Segment> Parents)
{
    public int ParentLength => Parents.Count == 0 ? 0 : Parents[^1].End;
}
