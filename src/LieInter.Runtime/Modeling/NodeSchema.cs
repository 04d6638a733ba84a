namespace LieInter.Modeling;

/// <summary>A [Node]: its name, shape, and the assignment method that defines it.</summary>
public sealed record NodeSchema(string Name, NodeShape Shape, string AssignmentMethod);
