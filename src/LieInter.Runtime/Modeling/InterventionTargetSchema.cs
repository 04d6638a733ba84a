namespace LieInter.Modeling;

/// <summary>One target of a Lie intervention: a node (its assignment) or a parameter (every read of it).</summary>
public sealed record InterventionTargetSchema(string Name, InterventionTargetKind Kind);
