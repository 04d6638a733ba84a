namespace LieInter.Optimization;

/// <summary>How an L1 term is smoothed.</summary>
public enum L1Smoothing
{
    /// <summary>|z| ~ sqrt(z^2 + w^2) - w (<see cref="Smooth.Abs"/>): infinitely smooth, 0 &lt;= |z| - approx &lt;= w.</summary>
    PseudoHuber,

    /// <summary>Huber: z^2 / (2w) for |z| &lt;= w, |z| - w/2 beyond: once differentiable, 0 &lt;= |z| - approx &lt;= w/2,
    /// and exactly |z| - w/2 away from the kink.</summary>
    Huber,
}

/// <summary>Smoothed absolute values shared by the L1 terms.</summary>
internal static class SmoothAbsolute
{
    /// <summary>Smoothed |z| and its derivative; width 0 gives |z| and the subgradient sign(z) (0 at 0).</summary>
    public static double Value(double z, double width, L1Smoothing kind, out double derivative)
    {
        if (width == 0)
        {
            derivative = Math.Sign(z);
            return Math.Abs(z);
        }

        if (kind == L1Smoothing.PseudoHuber)
        {
            derivative = SmoothDerivatives.AbsDx(z, width);
            return Smooth.Abs(z, width);
        }

        double a = Math.Abs(z);
        if (a <= width)
        {
            derivative = z / width;
            return z * z / (2.0 * width);
        }

        derivative = Math.Sign(z);
        return a - 0.5 * width;
    }

    /// <summary>Largest |z| - approximation over all z.</summary>
    public static double ErrorPerTerm(double width, L1Smoothing kind) => kind == L1Smoothing.PseudoHuber ? width : 0.5 * width;

    public static void CheckWidth(string term, double width)
    {
        if (!(width >= 0) || double.IsInfinity(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"Objective term '{term}': the smoothing width must be finite and nonnegative.");
        }
    }
}
