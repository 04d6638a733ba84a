namespace LieInter;

/// <summary>Marks a field or property of type <c>double</c> (scalar node) or <c>double[]</c> (vector node)
/// as a node of the structural causal model. A vector node's length is the length of the array it holds.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class NodeAttribute : Attribute
{
}
