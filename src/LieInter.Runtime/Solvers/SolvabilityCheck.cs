namespace LieInter.Solvers;

/// <summary>The evaluation of one declared solvability condition.</summary>
public sealed record SolvabilityCheck(SolvabilityDeclaration Declaration, bool Holds, double Value, string Description);
