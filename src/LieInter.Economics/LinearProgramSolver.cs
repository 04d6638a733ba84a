namespace LieInter.Economics;

/// <summary>Which linear-programming method <see cref="LeontiefDesignProgram"/> uses.</summary>
public enum LinearProgramSolver
{
    /// <summary>GLOP, primal-dual simplex: exact optimality (to its feasibility tolerance, about 1e-9).</summary>
    Simplex,

    /// <summary>PDLP, first-order primal-dual hybrid gradient: for large sparse programs, to a relative tolerance.</summary>
    FirstOrder,
}
