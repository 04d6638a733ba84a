namespace LieInter;

/// <summary>
/// Declares an invariant soft intervention (Def. 4 of the paper): under the Lie intervention named
/// <see cref="Intervention"/> (whose target is the intervened node i), node <see cref="Invariant"/> (j) keeps its
/// unintervened value because the assignment of node <see cref="Auxiliary"/> (k) is replaced by a learned
/// function of k's parents. LIE0203 checks the structural conditions of Prop. 3; the runtime checks the rest.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InvariantInterventionAttribute : Attribute
{
    public InvariantInterventionAttribute(string intervention, string invariant, string auxiliary)
    {
        Intervention = intervention;
        Invariant = invariant;
        Auxiliary = auxiliary;
    }

    /// <summary>Name of a declared <see cref="LieInterventionAttribute"/>.</summary>
    public string Intervention { get; }

    /// <summary>The node j that must not move.</summary>
    public string Invariant { get; }

    /// <summary>The node k whose assignment is replaced (often j itself).</summary>
    public string Auxiliary { get; }

    /// <summary>For a vector invariant node: the element that must not move; -1 (default) for the whole node.</summary>
    public int InvariantElement { get; set; } = -1;

    /// <summary>For a vector auxiliary node: the element whose assignment is replaced; -1 (default) for all.</summary>
    public int AuxiliaryElement { get; set; } = -1;
}
