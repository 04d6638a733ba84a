using System.Reflection;

namespace LieInter.Torch;

/// <summary>Which nodes play which role: the Lie intervention (on node i), the invariant node j and the auxiliary
/// node k, with elements for vector nodes (-1: scalar node or whole node).</summary>
public sealed record InvarianceTarget(string Intervention, string InvariantNode, int InvariantElement, string AuxiliaryNode, int AuxiliaryElement)
{
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
        $"{Intervention}: {InvariantNode}{(InvariantElement >= 0 ? $"[{InvariantElement}]" : "")} invariant by leveraging {AuxiliaryNode}{(AuxiliaryElement >= 0 ? $"[{AuxiliaryElement}]" : "")}";
}
