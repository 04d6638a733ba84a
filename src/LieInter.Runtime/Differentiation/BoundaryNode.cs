namespace LieInter.Differentiation;

/// <summary>A node with at least one arrow into another compartment, and whether an invariant intervention of its own
/// compartment holds it (the whole node) at its unintervened value, as Prop. 4 requires.</summary>
public sealed record BoundaryNode(string Node, string Compartment, IReadOnlyList<string> Children, bool IsInvariant, string? InvariantUnder, string Reason);
