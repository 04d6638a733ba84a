using LieInter.Modeling;

namespace LieInter;

/// <summary>A solvability declaration as recorded in the <see cref="ModelSchema"/>.</summary>
/// <remarks><c>CustomCheck</c> (for <see cref="SolvabilityKind.Custom"/>) calls the declared method on a model instance.</remarks>
public sealed record SolvabilityDeclaration(SolvabilityKind Kind, double Bound, string? Parameter, string? Method, Func<IEquilibriumModel, bool>? CustomCheck = null);
