namespace LieInter.Modeling;

/// <summary>A [Parameter]: its name and shape.</summary>
public sealed record ParameterSchema(string Name, ParameterShape Shape);
