namespace LieInter.Equilibrium;

/// <summary>A map that can produce rows of its state Jacobian directly (the generated models can, at the cost of
/// one element of f per row), which lets direct solvers assemble I - Jx.</summary>
public interface IJacobianRows
{
    /// <summary>Row <paramref name="row"/> of Jx at <paramref name="x"/>.</summary>
    void JacobianRow(ReadOnlySpan<double> x, int row, Span<double> jacobianRow);

    /// <summary>True when f is affine in x (Jx does not depend on x).</summary>
    bool IsAffineInState { get; }
}
