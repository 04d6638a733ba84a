using LieInter.Modeling;

namespace LieInter;

/// <summary>The kinds of solvability condition a cyclic model can declare (LIE0201).</summary>
public enum SolvabilityKind
{
    /// <summary>f is a contraction: a norm of df/dx stays below <see cref="SolvabilityAttribute.Bound"/> (&lt; 1).
    /// Checked at run time at the starting point with the infinity norm of Jx.</summary>
    Contraction,

    /// <summary>For models affine in the state with nonnegative coefficients (Hawkins-Simon): the spectral
    /// radius of the matrix parameter <see cref="SolvabilityAttribute.Parameter"/> (or of Jx when none is named)
    /// is below <see cref="SolvabilityAttribute.Bound"/> (&lt;= 1).</summary>
    SpectralRadius,

    /// <summary>A user method named <see cref="SolvabilityAttribute.Method"/>, <c>bool M()</c>, says whether the
    /// model is solvable for its current parameters.</summary>
    Custom,
}

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

/// <summary>A solvability declaration as recorded in the <see cref="ModelSchema"/>.</summary>
/// <remarks><c>CustomCheck</c> (for <see cref="SolvabilityKind.Custom"/>) calls the declared method on a model instance.</remarks>
public sealed record SolvabilityDeclaration(SolvabilityKind Kind, double Bound, string? Parameter, string? Method, Func<IEquilibriumModel, bool>? CustomCheck = null);
