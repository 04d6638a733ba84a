namespace LieInter;

/// <summary>Marks an instance method as the structural assignment of a node: <c>double F()</c> for a scalar
/// node, <c>double F(int i)</c> for element <c>i</c> of a vector node.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AssignmentAttribute : Attribute
{
    public AssignmentAttribute(string node) => Node = node;

    /// <summary>Name of the node this method assigns.</summary>
    public string Node { get; }
}
