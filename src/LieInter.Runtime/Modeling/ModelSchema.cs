namespace LieInter.Modeling;

/// <summary>Compile-time description of a model: nodes, parameters, interventions, graph and structure flags.</summary>
public sealed class ModelSchema
{
    public ModelSchema(
        string modelName,
        IReadOnlyList<NodeSchema> nodes,
        IReadOnlyList<ParameterSchema> parameters,
        IReadOnlyList<InterventionSchema> interventions,
        CausalGraph graph,
        bool isAffineInState,
        IReadOnlyList<SolvabilityDeclaration>? solvability = null)
    {
        Solvability = solvability ?? [];
        ModelName = modelName;
        Nodes = nodes;
        Parameters = parameters;
        Interventions = interventions;
        Graph = graph;
        IsAffineInState = isAffineInState;
    }

    public string ModelName { get; }

    public IReadOnlyList<NodeSchema> Nodes { get; }

    public IReadOnlyList<ParameterSchema> Parameters { get; }

    public IReadOnlyList<InterventionSchema> Interventions { get; }

    public CausalGraph Graph { get; }

    /// <summary>True when the generator proved f affine in the state x (f(x) = J x + c with J independent of x),
    /// so a direct linear solve applies.</summary>
    public bool IsAffineInState { get; }

    /// <summary>Declared solvability conditions (<see cref="SolvabilityAttribute"/>), checked before solving.</summary>
    public IReadOnlyList<SolvabilityDeclaration> Solvability { get; }

    public int NodeIndex(string name)
    {
        for (int k = 0; k < Nodes.Count; k++)
        {
            if (Nodes[k].Name == name)
            {
                return k;
            }
        }

        throw new ArgumentException($"Model '{ModelName}' has no node named '{name}'. Nodes: {string.Join(", ", Nodes.Select(n => n.Name))}.", nameof(name));
    }

    public int ParameterIndex(string name)
    {
        for (int k = 0; k < Parameters.Count; k++)
        {
            if (Parameters[k].Name == name)
            {
                return k;
            }
        }

        throw new ArgumentException($"Model '{ModelName}' has no parameter named '{name}'. Parameters: {string.Join(", ", Parameters.Select(n => n.Name))}.", nameof(name));
    }

    public int InterventionIndex(string name)
    {
        for (int k = 0; k < Interventions.Count; k++)
        {
            if (Interventions[k].Name == name)
            {
                return k;
            }
        }

        throw new ArgumentException($"Model '{ModelName}' declares no Lie intervention named '{name}'. Declared: {string.Join(", ", Interventions.Select(n => n.Name))}.", nameof(name));
    }
}
