using LieInter.Equilibrium;

namespace LieInter.Torch;

/// <summary>Soft interventions by neural networks: a node's assignment replaced by an <see cref="MlpAssignment"/>.</summary>
public static class EquilibriumSystemMlpExtensions
{
    /// <summary>Replaces <paramref name="node"/>'s assignment by a new <see cref="MlpAssignment"/> sized from the
    /// node and its parents, optionally correcting a baseline (<see cref="AssignmentBaselines"/>). The caller owns
    /// (and disposes) the returned network.</summary>
    public static MlpAssignment OverrideWithMlp(this EquilibriumSystem system, string node, MlpOptions? options = null, IAssignmentOverride? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var parents = system.Schema.Graph.ParentsOf(node).ToHashSet();
        int inputLength = system.Layout.Nodes.Where(s => parents.Contains(s.Name)).Sum(s => s.Length);
        if (inputLength == 0)
        {
            throw new ArgumentException($"Node '{node}' has no parents in model '{system.Schema.ModelName}'; an MLP of its parents would be a constant.", nameof(node));
        }

        var mlp = new MlpAssignment(inputLength, system.Layout.Node(node).Length, options, baseline);
        try
        {
            system.Override(node, mlp);
        }
        catch
        {
            mlp.Dispose();
            throw;
        }

        return mlp;
    }
}
