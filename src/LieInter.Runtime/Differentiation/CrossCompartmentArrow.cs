namespace LieInter.Differentiation;

/// <summary>An arrow of the causal graph from one compartment into another.</summary>
public sealed record CrossCompartmentArrow(string Parent, string ParentCompartment, string Child, string ChildCompartment)
{
    public override string ToString() => $"{Parent} ({ParentCompartment}) -> {Child} ({ChildCompartment})";
}
