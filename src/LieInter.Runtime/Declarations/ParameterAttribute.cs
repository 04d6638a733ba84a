namespace LieInter;

/// <summary>Marks a field or property of type <c>double</c>, <c>double[]</c>, <c>double[,]</c> or
/// <see cref="SparseMatrix"/> as a parameter theta of the model. Derivatives with respect to parameters
/// are generated; for a sparse matrix they are taken with respect to its stored values.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
}
