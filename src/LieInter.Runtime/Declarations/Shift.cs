using LieInter.LieGroups;

namespace LieInter;

/// <summary>The additive group of reals acting by translation: Exp(u) . v = v + u (shift interventions).</summary>
public readonly struct Shift : ILieGroup<Shift>
{
    public static int Dimension => 1;

    public static int ElementSize => 1;

    public static bool ActionIsAffine => true;

    public static void Identity(Span<double> element) => element[0] = 0.0;

    public static void Compose(ReadOnlySpan<double> g, ReadOnlySpan<double> h, Span<double> product) => product[0] = g[0] + h[0];

    public static void Inverse(ReadOnlySpan<double> g, Span<double> inverse) => inverse[0] = -g[0];

    public static void Exp(ReadOnlySpan<double> u, Span<double> element) => element[0] = u[0];

    public static void Log(ReadOnlySpan<double> element, Span<double> u) => u[0] = element[0];

    public static double Act(ReadOnlySpan<double> g, double value) => value + g[0];

    public static double ActExp(ReadOnlySpan<double> u, double value, out double dValue, Span<double> dU)
    {
        dValue = 1.0;
        dU[0] = 1.0;
        return value + u[0];
    }

    public static double Apply(ReadOnlySpan<double> u, double value) => value + u[0];

    public static double ApplyTangent(ReadOnlySpan<double> u, double value, double dValue, ReadOnlySpan<double> du) =>
        du.IsEmpty ? dValue : dValue + du[0];

    public static double ApplyAdjoint(ReadOnlySpan<double> u, double value, double bar, Span<double> uBar)
    {
        if (!uBar.IsEmpty)
        {
            uBar[0] += bar;
        }

        return bar;
    }
}
