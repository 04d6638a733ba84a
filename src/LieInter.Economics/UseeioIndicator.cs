namespace LieInter.Economics;

/// <summary>One indicator (row of D) of a USEEIO model.</summary>
public sealed record UseeioIndicator(string Code, string Name, string Unit, string Group, int Index);
