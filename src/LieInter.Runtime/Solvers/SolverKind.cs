namespace LieInter.Solvers;

/// <summary>
/// The method a solve ran, as a value to branch on. <see cref="SolveReport.Solver"/> describes the same method in
/// words, with its settings ("Anderson (m = 5, relative regularisation)").
/// </summary>
public enum SolverKind
{
    /// <summary>No method ran: the input checks stopped the solve first.</summary>
    None,

    /// <summary>Anderson acceleration (<see cref="AndersonAcceleration"/>).</summary>
    Anderson,

    /// <summary>The paper's constrained-form Anderson (<see cref="PaperAnderson"/>).</summary>
    PaperAnderson,

    /// <summary>Newton-Krylov with GMRES inner solves (<see cref="NewtonKrylov"/>).</summary>
    NewtonKrylov,

    /// <summary>GMRES on a linear system (adjoint and tangent solves).</summary>
    Gmres,

    /// <summary>A dense LU of I - J (affine maps, adjoint and tangent solves).</summary>
    DirectLu,

    /// <summary>Plain or damped fixed-point iteration (<see cref="ForwardIteration"/>).</summary>
    ForwardIteration,

    /// <summary>A solver outside this library (a user's own <see cref="IFixedPointSolver"/>).</summary>
    Custom,
}
