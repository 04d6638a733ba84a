using System.Reflection;

namespace LieInter.Torch;

/// <summary>Which nodes play which role: the Lie intervention (on node i), the invariant node j and the auxiliary
/// node k, with elements for vector nodes (-1: scalar node or whole node). With -1 on a vector invariant node every
/// element must not move (or those in <see cref="InvariantElements"/>); with -1 on a vector auxiliary node the
/// network replaces the whole node's assignment.</summary>
public sealed record InvarianceTarget(string Intervention, string InvariantNode, int InvariantElement, string AuxiliaryNode, int AuxiliaryElement)
{
    /// <summary>A chosen subset of the invariant node's elements that must not move (null: see
    /// <see cref="InvariantElement"/>).</summary>
    public IReadOnlyList<int>? InvariantElements { get; init; }

    /// <summary>Replace the whole vector auxiliary node by one network shared over its elements
    /// (<see cref="ElementwiseMlpAssignment"/>): element i sees element i of each parent node, the
    /// <see cref="ElementCommonInputs"/> and row i of <see cref="ElementFeatures"/>. False: one <see cref="MlpAssignment"/> of all parents.</summary>
    public bool ShareNetworkAcrossElements { get; init; }

    /// <summary>Fixed per-element inputs of the shared network (auxiliary length x f), or null for none.</summary>
    public double[,]? ElementFeatures { get; init; }

    /// <summary>Indices into the auxiliary node's parent vector that every element of the shared network sees (for
    /// example the price of energy), or null for none.</summary>
    public IReadOnlyList<int>? ElementCommonInputs { get; init; }

    /// <summary>The invariant elements for a node of <paramref name="length"/> elements.</summary>
    internal int[] ResolveInvariantElements(int length)
    {
        int[] elements = InvariantElements is { } chosen ? [.. chosen]
            : InvariantElement >= 0 ? [InvariantElement]
            : [.. Enumerable.Range(0, length)];
        if (elements.Length == 0 || elements.Any(e => e < 0 || e >= length) || elements.Distinct().Count() != elements.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(InvariantElements), $"Invariant elements [{string.Join(", ", elements)}] of '{InvariantNode}' must be distinct and in [0, {length}) ({this}).");
        }

        return elements;
    }

    /// <summary>Reads the model type's <see cref="InvariantInterventionAttribute"/> (the one for
    /// <paramref name="intervention"/> when the type declares several).</summary>
    public static InvarianceTarget FromAttribute(Type modelType, string? intervention = null)
    {
        var all = AllFromAttributes(modelType).Where(a => intervention is null || a.Intervention == intervention).ToList();
        if (all.Count != 1)
        {
            throw new ArgumentException($"Model '{modelType.Name}' declares {all.Count} [InvariantIntervention] attributes{(intervention is null ? "" : $" for '{intervention}'")}; name the intervention or declare exactly one.");
        }

        return all[0];
    }

    /// <summary>Every <see cref="InvariantInterventionAttribute"/> of the model type, in declaration order.</summary>
    public static IReadOnlyList<InvarianceTarget> AllFromAttributes(Type modelType) =>
        modelType.GetCustomAttributes<InvariantInterventionAttribute>()
            .Select(a => new InvarianceTarget(a.Intervention, a.Invariant, a.InvariantElement, a.Auxiliary, a.AuxiliaryElement))
            .ToList();

    public override string ToString() =>
        $"{Intervention}: {InvariantNode}{(InvariantElements is { } e ? $"[{string.Join(", ", e)}]" : InvariantElement >= 0 ? $"[{InvariantElement}]" : "")} invariant by leveraging {AuxiliaryNode}{(AuxiliaryElement >= 0 ? $"[{AuxiliaryElement}]" : "")}{(ShareNetworkAcrossElements ? " (one network shared over its elements)" : "")}";
}
