namespace LieInter.Economics;

/// <summary>The exact eq. (5) optimum at one lambda from <see cref="LeontiefDesignProgram"/>.</summary>
/// <param name="Lambda">The deviation weight.</param>
/// <param name="Multipliers">alpha, one per sector.</param>
/// <param name="Output">The equilibrium output x under alpha.</param>
/// <param name="Loss">c^T x.</param>
/// <param name="Deviation">sum_i |e_i (x_i - x*_i)|.</param>
/// <param name="Objective">Loss + lambda * Deviation.</param>
/// <param name="Verified">True when the LP was solved and the a-posteriori checks held.</param>
/// <param name="Status">The LP solver's status.</param>
/// <param name="Problems">What failed, when <paramref name="Verified"/> is false.</param>
/// <param name="LpIterations">Simplex or PDHG iterations.</param>
/// <param name="Elapsed">Wall time of this solve.</param>
public sealed record LeontiefDesignSolution(
    double Lambda,
    double[] Multipliers,
    double[] Output,
    double Loss,
    double Deviation,
    double Objective,
    bool Verified,
    string Status,
    IReadOnlyList<string> Problems,
    long LpIterations,
    TimeSpan Elapsed);
