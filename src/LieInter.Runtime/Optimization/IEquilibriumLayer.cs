namespace LieInter.Optimization;

/// <summary>
/// What intervention design needs from an equilibrium layer: the equilibrium x*(u) of the intervened system and
/// the vector-Jacobian product of u -> x*(u) by implicit differentiation. The layer keeps its own warm starts (the
/// previous equilibrium and adjoint), so reusing one layer across many evaluations and across the points of a
/// lambda path is what makes those cheap.
/// </summary>
public interface IEquilibriumLayer
{
    /// <summary>Length of the state x.</summary>
    int StateDimension { get; }

    /// <summary>Length of the intervention coordinates u.</summary>
    int ControlDimension { get; }

    /// <summary>Solves for x*(u) (one equilibrium solve) into <paramref name="state"/>. Returns false, without
    /// throwing, when the solve did not converge; the objective is then treated as undefined at u.</summary>
    bool TrySolve(ReadOnlySpan<double> u, Span<double> state);

    /// <summary>Writes (dx*/du)^T <paramref name="stateCotangent"/> at the point of the last successful
    /// <see cref="TrySolve"/> into <paramref name="controlGradient"/>, overwriting it (one adjoint solve:
    /// solve (I - J_x)^T w = xBar, then uBar = J_u^T w). Throws when the adjoint solve does not converge.</summary>
    void Backpropagate(ReadOnlySpan<double> stateCotangent, Span<double> controlGradient);
}
