using LieInter.LieGroups;

namespace LieInter;

/// <summary>
/// The orientation-preserving affine group of the line, Aff+(1), acting by v -> a v + b with a &gt; 0. Elements
/// are stored as (a, b); coordinates (s, t) are those of the Lie algebra element [[s, t], [0, 0]], whose exponential
/// is a = e^s, b = t (e^s - 1) / s (and b = t at s = 0).
/// </summary>
public readonly struct Affine : ILieGroup<Affine>
{
    public static int Dimension => 2;

    public static int ElementSize => 2;

    public static bool ActionIsAffine => true;

    public static void Identity(Span<double> element)
    {
        element[0] = 1.0;
        element[1] = 0.0;
    }

    // (a1, b1)(a2, b2) acts as v -> a1 (a2 v + b2) + b1.
    public static void Compose(ReadOnlySpan<double> g, ReadOnlySpan<double> h, Span<double> product)
    {
        double a = g[0] * h[0];
        double b = g[0] * h[1] + g[1];
        product[0] = a;
        product[1] = b;
    }

    public static void Inverse(ReadOnlySpan<double> g, Span<double> inverse)
    {
        if (!(g[0] > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(g), g[0], "The scale of an affine group element must be strictly positive.");
        }

        double a = 1.0 / g[0];
        double b = -g[1] / g[0];
        inverse[0] = a;
        inverse[1] = b;
    }

    public static void Exp(ReadOnlySpan<double> u, Span<double> element)
    {
        double s = u[0];
        double t = u[1];
        element[0] = Math.Exp(s);
        element[1] = t * Phi(s);
    }

    public static void Log(ReadOnlySpan<double> element, Span<double> u)
    {
        if (!(element[0] > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(element), element[0], "The scale of an affine group element must be strictly positive.");
        }

        double s = Math.Log(element[0]);
        u[0] = s;
        u[1] = element[1] / Phi(s);
    }

    public static double Act(ReadOnlySpan<double> g, double value) => g[0] * value + g[1];

    public static double ActExp(ReadOnlySpan<double> u, double value, out double dValue, Span<double> dU)
    {
        double s = u[0];
        double t = u[1];
        double a = Math.Exp(s);
        double phi = Phi(s);
        dValue = a;
        dU[0] = a * value + t * PhiDerivative(s);
        dU[1] = phi;
        return a * value + t * phi;
    }

    /// <summary>(e^s - 1) / s, with its series near 0 so the map stays smooth at the identity.</summary>
    internal static double Phi(double s) =>
        Math.Abs(s) < 1e-5 ? 1.0 + s / 2.0 + s * s / 6.0 + s * s * s / 24.0 : AccurateMath.ExpM1(s) / s;

    /// <summary>d/ds (e^s - 1) / s = (s e^s - e^s + 1) / s^2.</summary>
    internal static double PhiDerivative(double s) =>
        Math.Abs(s) < 1e-4 ? 0.5 + s / 3.0 + s * s / 8.0 + s * s * s / 30.0 : (s * Math.Exp(s) - AccurateMath.ExpM1(s)) / (s * s);
}
