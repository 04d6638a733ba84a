namespace LieInter.Solvers;

/// <summary>Why a solve stopped.</summary>
public enum SolveExitReason
{
    /// <summary>||x - f(x)|| &lt;= atol + rtol ||x||.</summary>
    Converged,

    /// <summary>The iteration limit was reached first.</summary>
    IterationLimit,

    /// <summary>The residual grew beyond the divergence limit.</summary>
    Diverged,

    /// <summary>A NaN or infinity appeared in the iterate or the residual.</summary>
    NotANumber,

    /// <summary>The residual stopped decreasing for too long.</summary>
    Stagnated,

    /// <summary>The cancellation token fired.</summary>
    Cancelled,

    /// <summary>A declared solvability condition failed, so the solve was refused (and the warm start kept).</summary>
    Refused,

    /// <summary>The default policy stopped this method because, at its measured rate and cost per iteration, the
    /// dense LU was projected to finish sooner; the next attempt in the report is the LU.</summary>
    Superseded,

    /// <summary>I - J is numerically singular where it was factorised (a pivot vanished; the message gives the pivot
    /// ratio): the equilibrium, or the linear solve of a derivative, is not unique or does not exist there.</summary>
    SingularJacobian,

    /// <summary>An input was NaN or infinite before anything ran: the warm start, a gradient seed or tangent direction,
    /// a Lie coordinate or a parameter; the message names it and its index. Nothing was changed.</summary>
    InputNotFinite,

    /// <summary>A parameter or Lie coordinate changed after the solve that a derivative would differentiate: its
    /// equilibrium and factorisation are stale, so the derivative was refused. Solve again first.</summary>
    ParametersChanged,

    /// <summary>The model's arrays disagree with each other or with the system's layout (an array replaced or
    /// resized without <see cref="Equilibrium.EquilibriumSystem.Rebind"/>), or a buffer passed in has the wrong length; the
    /// message names the member and both shapes (<see cref="Modeling.ModelShapeException"/>). Nothing ran.</summary>
    ShapeMismatch,

    /// <summary>A Lie coordinate is finite but its group element is not (Exp(u) overflows, e.g. e^800 for a
    /// multiplicative intervention); the message names the coordinate. Nothing ran.</summary>
    Overflow,
}
