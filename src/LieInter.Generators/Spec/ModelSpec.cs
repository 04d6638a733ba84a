using LieInter.Generators.Ir;

namespace LieInter.Generators.Spec;

// Value-equatable description of one model class: what the parser read, what the emitter writes.
// Never holds symbols, syntax nodes, locations or compilations.

internal enum ParamShape
{
    Scalar,
    Vector,
    Matrix,
    Sparse,
}

internal sealed record NodeSpec(string Name, bool IsVector, bool IsProperty);

internal sealed record ParameterSpec(string Name, ParamShape Shape, bool IsProperty);

internal sealed record InterventionTargetSpec(string Name, bool IsNode, bool IsVector);

/// <param name="GroupType">Fully qualified with global::.</param>
/// <param name="GroupIsAffine">True for groups known to act affinely (the runtime's built-in groups).</param>
internal sealed record InterventionSpec(string Name, string GroupType, bool GroupIsAffine, EquatableArray<InterventionTargetSpec> Targets, bool Shared);

internal sealed record AssignmentSpec(string Node, string Method, LoweredBody Body);

/// <param name="Kind">Name of the runtime's SolvabilityKind member.</param>
internal sealed record SolvabilitySpec(string Kind, double Bound, string? Parameter, string? Method);

/// <summary>One edge of the causal graph with the element-level dependency the code shows.</summary>
internal sealed record EdgeSpec(string Parent, string Child, string Dependency, EquatableArray<int> Offsets, string? SparseParameter);

internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string TypeName,
    string TypeKeyword,
    string HintName,
    EquatableArray<NodeSpec> Nodes,
    EquatableArray<ParameterSpec> Parameters,
    EquatableArray<InterventionSpec> Interventions,
    EquatableArray<AssignmentSpec> Assignments,
    EquatableArray<SolvabilitySpec> Solvability,
    EquatableArray<EdgeSpec> Edges,
    bool IsAffineInState,
    EquatableArray<ShapeRequirement> Shapes);
