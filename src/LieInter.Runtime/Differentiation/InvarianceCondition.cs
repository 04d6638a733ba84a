namespace LieInter.Differentiation;

/// <summary>One condition of Prop. 3 with the value that decides it.</summary>
public sealed record InvarianceCondition(string Name, bool Holds, double Value, string Description);
