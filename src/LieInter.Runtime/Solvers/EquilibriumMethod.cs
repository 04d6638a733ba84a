namespace LieInter.Solvers;

/// <summary>Which method <see cref="EquilibriumSolver"/> uses: the default policy with its fallbacks, or one method
/// alone, without fallbacks, so that a failure is that method's failure (for comparisons and benchmarks).</summary>
public enum EquilibriumMethod
{
    /// <summary>The default policy (see <see cref="EquilibriumSolver"/>).</summary>
    Default,

    /// <summary>Anderson acceleration only; adjoint and tangent solves by Anderson on the linear fixed point.</summary>
    Anderson,

    /// <summary>Newton-Krylov only; adjoint and tangent solves by GMRES.</summary>
    NewtonKrylov,

    /// <summary>Dense LU of I - Jx only (the map must be affine in the state); adjoint and tangent solves reuse it.</summary>
    Direct,
}
