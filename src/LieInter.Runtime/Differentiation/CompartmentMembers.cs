namespace LieInter.Differentiation;

/// <summary>A declared compartment (<see cref="CompartmentAttribute"/>).</summary>
public sealed record CompartmentMembers(string Name, IReadOnlyList<string> Nodes);
