namespace LieInter.Differentiation;

/// <summary>The sufficient conditions of Prop. 3 for an invariant intervention (intervened i, invariant j, auxiliary
/// k) at the reference point, each with its value.</summary>
public sealed class InvarianceConditionsReport
{
    public required IReadOnlyList<InvarianceCondition> Conditions { get; init; }

    public bool AllHold => Conditions.All(c => c.Holds);

    public IEnumerable<InvarianceCondition> Failed => Conditions.Where(c => !c.Holds);

    public override string ToString() => string.Join("\n", Conditions.Select(c => $"{(c.Holds ? "holds" : "FAILS")}: {c.Description}"));
}
