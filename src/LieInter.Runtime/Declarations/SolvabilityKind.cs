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
