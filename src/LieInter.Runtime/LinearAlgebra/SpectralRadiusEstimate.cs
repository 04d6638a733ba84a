namespace LieInter.LinearAlgebra;

/// <summary>
/// What is known about the spectral radius rho(A) of a technical-coefficient matrix, and how it was obtained.
/// </summary>
/// <param name="Lower">A certified lower bound on rho(|A|) (equal to <paramref name="Upper"/> when computed exactly).</param>
/// <param name="Upper">A certified upper bound on rho(A).</param>
/// <param name="Method">How the bounds were obtained, in words.</param>
/// <param name="Iterations">Power iterations used (0 for an eigenvalue computation).</param>
public readonly record struct SpectralRadiusEstimate(double Lower, double Upper, string Method, int Iterations)
{
    /// <summary>True when rho(A) &lt; 1 is certified, i.e. (I - A)^-1 = sum_k A^k exists.</summary>
    public bool IsProductive => Upper < 1.0;

    public override string ToString() => Lower == Upper
        ? $"rho(A) = {Upper:G6} ({Method})"
        : $"rho(A) <= {Upper:G6} (rho(|A|) >= {Lower:G6}; {Method}, {Iterations} iterations)";
}
