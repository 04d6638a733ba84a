namespace LieInter;

/// <summary>Marks a helper method that assignments may call. The generator inlines it and differentiates it;
/// it must itself stay inside the differentiable subset.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SmoothAttribute : Attribute
{
}
