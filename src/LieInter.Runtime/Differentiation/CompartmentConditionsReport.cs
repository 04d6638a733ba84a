namespace LieInter.Differentiation;

/// <summary>The structural hypotheses of Prop. 4 for a model's declared compartments and interventions, each with the
/// value that decides it, plus what was read: compartments, cross-compartment arrows, boundary nodes, placements.</summary>
public sealed class CompartmentConditionsReport
{
    public required string ModelName { get; init; }

    public required IReadOnlyList<CompartmentMembers> Compartments { get; init; }

    public required IReadOnlyList<CrossCompartmentArrow> CrossArrows { get; init; }

    public required IReadOnlyList<BoundaryNode> BoundaryNodes { get; init; }

    public required IReadOnlyList<InterventionPlacement> Interventions { get; init; }

    public required IReadOnlyList<InvarianceCondition> Conditions { get; init; }

    public bool AllHold => Conditions.All(c => c.Holds);

    public IEnumerable<InvarianceCondition> Failed => Conditions.Where(c => !c.Holds);

    /// <summary>The compartment of a node, or null when it is in none.</summary>
    public string? CompartmentOf(string node) => Compartments.FirstOrDefault(c => c.Nodes.Contains(node))?.Name;

    public override string ToString() => string.Join("\n", Conditions.Select(c => $"{(c.Holds ? "holds" : "FAILS")}: {c.Description}"));
}
