namespace LieInter;

/// <summary>
/// Declares a compartment (Def. 5): a set of nodes whose equilibrium values should depend only on the
/// interventions performed inside it. Prop. 4 requires every node of a compartment with an arrow into another
/// compartment to be made invariant (LIE0204).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CompartmentAttribute : Attribute
{
    public CompartmentAttribute(string name, params string[] nodes)
    {
        Name = name;
        Nodes = nodes;
    }

    public string Name { get; }

    public string[] Nodes { get; }
}
