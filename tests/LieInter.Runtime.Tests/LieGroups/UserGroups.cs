using LieInter.LieGroups;

namespace LieInter.Tests.LieGroups;

/// <summary>
/// A user-defined one-parameter group: scaling about the point c = -1, v -> c + e^u (v - c). (The tempting
/// v -> v e^u + u is not a group action: composing two of them gives v e^{a+b} + b e^a + a, which is not of that
/// form.) It implements only the abstract members, so <c>Apply</c>, <c>ApplyTangent</c> and <c>ApplyAdjoint</c>
/// come from the interface's default implementations.
/// </summary>
public sealed class ScalingAboutPoint : ILieGroup<ScalingAboutPoint>
{
    public const double Center = -1.0;

    private ScalingAboutPoint()
    {
    }

    public static int Dimension => 1;

    public static int ElementSize => 1;

    public static bool ActionIsAffine => true;

    public static void Identity(Span<double> element) => element[0] = 1.0;

    public static void Compose(ReadOnlySpan<double> g, ReadOnlySpan<double> h, Span<double> product) => product[0] = g[0] * h[0];

    public static void Inverse(ReadOnlySpan<double> g, Span<double> inverse) => inverse[0] = 1.0 / g[0];

    public static void Exp(ReadOnlySpan<double> u, Span<double> element) => element[0] = Math.Exp(u[0]);

    public static void Log(ReadOnlySpan<double> element, Span<double> u) => u[0] = Math.Log(element[0]);

    public static double Act(ReadOnlySpan<double> g, double value) => Center + g[0] * (value - Center);

    public static double ActExp(ReadOnlySpan<double> u, double value, out double dValue, Span<double> dU)
    {
        double a = Math.Exp(u[0]);
        dValue = a;
        dU[0] = a * (value - Center);
        return Center + a * (value - Center);
    }
}

/// <summary>
/// A user-defined group with a nonlinear action: positive reals multiplying the odds of a probability,
/// v -> g v / (1 - v + g v) on (0, 1). Also relies on the default implementations.
/// </summary>
public sealed class OddsScaling : ILieGroup<OddsScaling>
{
    private OddsScaling()
    {
    }

    public static int Dimension => 1;

    public static int ElementSize => 1;

    public static bool ActionIsAffine => false;

    public static void Identity(Span<double> element) => element[0] = 1.0;

    public static void Compose(ReadOnlySpan<double> g, ReadOnlySpan<double> h, Span<double> product) => product[0] = g[0] * h[0];

    public static void Inverse(ReadOnlySpan<double> g, Span<double> inverse) => inverse[0] = 1.0 / g[0];

    public static void Exp(ReadOnlySpan<double> u, Span<double> element) => element[0] = Math.Exp(u[0]);

    public static void Log(ReadOnlySpan<double> element, Span<double> u) => u[0] = Math.Log(element[0]);

    public static double Act(ReadOnlySpan<double> g, double value) => g[0] * value / (1 - value + g[0] * value);

    public static double ActExp(ReadOnlySpan<double> u, double value, out double dValue, Span<double> dU)
    {
        double g = Math.Exp(u[0]);
        double denominator = 1 - value + g * value;
        dValue = g / (denominator * denominator);
        dU[0] = g * value * (1 - value) / (denominator * denominator);
        return g * value / denominator;
    }
}

/// <summary>The built-in multiplicative group without its closed-form overrides: exercises the default
/// implementations against <see cref="Multiplicative"/>'s own.</summary>
public sealed class DefaultsOfMultiplicative : ILieGroup<DefaultsOfMultiplicative>
{
    private DefaultsOfMultiplicative()
    {
    }

    public static int Dimension => Multiplicative.Dimension;

    public static int ElementSize => Multiplicative.ElementSize;

    public static bool ActionIsAffine => Multiplicative.ActionIsAffine;

    public static void Identity(Span<double> element) => Multiplicative.Identity(element);

    public static void Compose(ReadOnlySpan<double> g, ReadOnlySpan<double> h, Span<double> product) => Multiplicative.Compose(g, h, product);

    public static void Inverse(ReadOnlySpan<double> g, Span<double> inverse) => Multiplicative.Inverse(g, inverse);

    public static void Exp(ReadOnlySpan<double> u, Span<double> element) => Multiplicative.Exp(u, element);

    public static void Log(ReadOnlySpan<double> element, Span<double> u) => Multiplicative.Log(element, u);

    public static double Act(ReadOnlySpan<double> g, double value) => Multiplicative.Act(g, value);

    public static double ActExp(ReadOnlySpan<double> u, double value, out double dValue, Span<double> dU) => Multiplicative.ActExp(u, value, out dValue, dU);
}
