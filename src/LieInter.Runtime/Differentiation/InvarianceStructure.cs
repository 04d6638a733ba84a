namespace LieInter.Differentiation;

/// <summary>
/// The structural hypotheses of Prop. 3 for one declared invariant intervention, read off the compiled model's causal
/// graph: the invariant node j and the auxiliary node k are not intervened on, k has parents, and a directed path
/// leads from k to j. The analyzer reports the same rules as LIE0203 while the user types (one shared rule).
/// </summary>
public sealed record InvarianceStructure(string Intervention, string InvariantNode, string AuxiliaryNode, IReadOnlyList<InvarianceCondition> Conditions)
{
    public bool AllHold => Conditions.All(c => c.Holds);

    public IEnumerable<InvarianceCondition> Failed => Conditions.Where(c => !c.Holds);

    public override string ToString() => $"{Intervention} ({InvariantNode} invariant through {AuxiliaryNode}): " +
        string.Join("; ", Conditions.Select(c => $"{(c.Holds ? "holds" : "FAILS")}: {c.Description}"));
}
