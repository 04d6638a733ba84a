using System.Collections.Generic;
using System.Linq;
using LieInter.Generators.Spec;

namespace LieInter.Generators.Parsing;

/// <summary>
/// What <see cref="ModelParser.ParseModel"/> read of a model, kept even when generation is blocked so the analyzers can
/// check structure (Prop. 3 and 4) on the part of the model that is valid. <see cref="Spec"/> is null when a problem
/// blocks generation. The generator only uses <see cref="Spec"/>.
/// </summary>
internal sealed class ParsedModel
{
    public ParsedModel(
        IReadOnlyList<NodeSpec> nodes,
        IReadOnlyList<ParameterSpec> parameters,
        IReadOnlyList<InterventionSpec> interventions,
        IReadOnlyList<AssignmentSpec> assignments,
        IReadOnlyList<EdgeSpec> edges,
        bool hasSolvability,
        bool isAffineInState)
    {
        Nodes = nodes;
        Parameters = parameters;
        Interventions = interventions;
        Assignments = assignments;
        Edges = edges;
        HasSolvability = hasSolvability;
        IsAffineInState = isAffineInState;
    }

    /// <summary>The generated model's spec, or null when generation is blocked.</summary>
    public ModelSpec? Spec { get; set; }

    /// <summary>Nodes with a valid type, in declaration order.</summary>
    public IReadOnlyList<NodeSpec> Nodes { get; }

    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The Lie interventions that parsed without a problem.</summary>
    public IReadOnlyList<InterventionSpec> Interventions { get; }

    /// <summary>The assignments that lowered to the IR, in node order.</summary>
    public IReadOnlyList<AssignmentSpec> Assignments { get; }

    /// <summary>Edges read off <see cref="Assignments"/>: exact for those nodes; a node whose assignment did not lower
    /// contributes no edges.</summary>
    public IReadOnlyList<EdgeSpec> Edges { get; }

    public bool HasSolvability { get; }

    /// <summary>Affine in the state, as far as the lowered assignments show.</summary>
    public bool IsAffineInState { get; }

    /// <summary>True when every node's assignment lowered, so <see cref="Edges"/> is the whole causal graph.</summary>
    public bool GraphIsComplete => Nodes.Count > 0 && Nodes.All(n => Assignments.Any(a => a.Node == n.Name));
}
