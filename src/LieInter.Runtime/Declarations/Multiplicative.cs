using LieInter.LieGroups;

namespace LieInter;

/// <summary>The multiplicative group of positive reals acting by scaling: Exp(u) . v = e^u v. This is the
/// paper's multiplicative Lie intervention; a distributed one scales each targeted assignment by its own alpha_k = e^{u_k}.</summary>
public readonly struct Multiplicative : ILieGroup<Multiplicative>
{
    public static int Dimension => 1;

    public static int ElementSize => 1;

    public static bool ActionIsAffine => true;

    public static void Identity(Span<double> element) => element[0] = 1.0;

    public static void Compose(ReadOnlySpan<double> g, ReadOnlySpan<double> h, Span<double> product) => product[0] = g[0] * h[0];

    public static void Inverse(ReadOnlySpan<double> g, Span<double> inverse)
    {
        if (!(g[0] > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(g), g[0], "A multiplicative group element must be strictly positive.");
        }

        inverse[0] = 1.0 / g[0];
    }

    public static void Exp(ReadOnlySpan<double> u, Span<double> element) => element[0] = Math.Exp(u[0]);

    public static void Log(ReadOnlySpan<double> element, Span<double> u)
    {
        if (!(element[0] > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(element), element[0], "A multiplicative group element must be strictly positive.");
        }

        u[0] = Math.Log(element[0]);
    }

    public static double Act(ReadOnlySpan<double> g, double value) => g[0] * value;

    public static double ActExp(ReadOnlySpan<double> u, double value, out double dValue, Span<double> dU)
    {
        double a = Math.Exp(u[0]);
        dValue = a;
        dU[0] = a * value;
        return a * value;
    }

    public static double Apply(ReadOnlySpan<double> u, double value) => Math.Exp(u[0]) * value;

    public static double ApplyTangent(ReadOnlySpan<double> u, double value, double dValue, ReadOnlySpan<double> du)
    {
        double a = Math.Exp(u[0]);
        return du.IsEmpty ? a * dValue : a * (dValue + value * du[0]);
    }

    public static double ApplyAdjoint(ReadOnlySpan<double> u, double value, double bar, Span<double> uBar)
    {
        double a = Math.Exp(u[0]);
        if (!uBar.IsEmpty)
        {
            uBar[0] += bar * a * value;
        }

        return bar * a;
    }
}
