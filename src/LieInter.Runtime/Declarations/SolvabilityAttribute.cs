using LieInter.Modeling;

namespace LieInter;

/// <summary>Declares why a cyclic model has a (locally unique) equilibrium. The runtime checks the declared
/// condition before it solves and refuses, naming the condition and the value found, when it fails.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SolvabilityAttribute : Attribute
{
    public SolvabilityAttribute(SolvabilityKind kind) => Kind = kind;

    public SolvabilityKind Kind { get; }

    /// <summary>Upper bound the norm or spectral radius must stay strictly below; default 1.</summary>
    public double Bound { get; set; } = 1.0;

    /// <summary>For <see cref="SolvabilityKind.SpectralRadius"/>: the matrix parameter (double[,] or SparseMatrix).</summary>
    public string? Parameter { get; set; }

    /// <summary>For <see cref="SolvabilityKind.Custom"/>: an instance method <c>bool M()</c>.</summary>
    public string? Method { get; set; }
}
