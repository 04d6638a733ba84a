namespace LieInter.Differentiation;

/// <summary>Where a Lie intervention acts: its intervened nodes (targets, and nodes whose assignment reads a targeted
/// parameter) and, when it is declared invariant, its invariant and auxiliary nodes, with their compartments
/// (null: the node is in no compartment).</summary>
public sealed record InterventionPlacement(
    string Intervention,
    IReadOnlyList<string> IntervenedNodes,
    string? InvariantNode,
    string? AuxiliaryNode,
    IReadOnlyDictionary<string, string?> CompartmentOf)
{
    public bool IsInvariant => InvariantNode is not null;

    /// <summary>The distinct compartments of all its nodes (null for a node in none).</summary>
    public IReadOnlyList<string?> Compartments => CompartmentOf.Values.Distinct().ToList();

    /// <summary>Every node of the intervention lies in one and the same compartment.</summary>
    public bool InOneCompartment => Compartments.Count == 1 && Compartments[0] is not null;

    /// <summary>Its compartment when <see cref="InOneCompartment"/>, else null.</summary>
    public string? Compartment => InOneCompartment ? Compartments[0] : null;
}
