namespace LieInter.LieGroups;

/// <summary>Elementary functions where the BCL's version loses accuracy.</summary>
internal static class AccurateMath
{
    /// <summary>
    /// e^x - 1 to a few ulps for every x. <c>double.ExpM1</c> in .NET 10 is computed as <c>Math.Exp(x) - 1</c>, whose
    /// relative error grows like eps / |x| near 0 (8e-8 at x = 1e-10). This uses Kahan's trick: with u = fl(e^x),
    /// (u - 1) x / log(u) cancels the rounding of u (Higham, Accuracy and Stability of Numerical Algorithms, 1.14.1).
    /// </summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        if (um1 == -1.0 || double.IsPositiveInfinity(u))
        {
            return um1;
        }

        return um1 * x / Math.Log(u);
    }
}
