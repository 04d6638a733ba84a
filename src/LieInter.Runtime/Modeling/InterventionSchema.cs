namespace LieInter.Modeling;

/// <summary>A declared Lie intervention. <see cref="GroupType"/> implements <see cref="LieGroups.ILieGroup{TSelf}"/>.</summary>
public sealed record InterventionSchema(string Name, Type GroupType, IReadOnlyList<InterventionTargetSchema> Targets, bool Shared);
