namespace LieInter;

/// <summary>
/// Smooth counterparts of non-smooth functions, for use inside assignments (the code fixes of LIE0101 rewrite
/// <c>Math.Abs</c>, <c>Math.Min</c> and <c>Math.Max</c> to these). Each takes a smoothing width w &gt; 0:
/// <list type="bullet">
/// <item><c>Abs(x, w) = sqrt(x^2 + w^2) - w</c>: exact at 0, within w of |x| everywhere.</item>
/// <item><c>Max(a, b, w) = (a + b + Abs(a - b, w)) / 2</c>: within w/2 of max(a, b); <c>Min</c> likewise.</item>
/// <item><c>Softplus(x, w) = w log(1 + e^{x/w})</c>: within w log 2 of max(x, 0).</item>
/// </list>
/// The generator knows the derivative of every function here (see <c>SmoothDerivatives</c>).
/// </summary>
public static class Smooth
{
    /// <summary>Default smoothing width used by the code fixes.</summary>
    public const double DefaultWidth = 1e-6;

    public static double Abs(double x, double width = DefaultWidth) => Math.Sqrt(x * x + width * width) - width;

    public static double Max(double a, double b, double width = DefaultWidth) => 0.5 * (a + b + Abs(a - b, width));

    public static double Min(double a, double b, double width = DefaultWidth) => 0.5 * (a + b - Abs(a - b, width));

    /// <summary>w log(1 + exp(x / w)), computed without overflow.</summary>
    public static double Softplus(double x, double width = DefaultWidth)
    {
        double z = x / width;
        return width * (z > 0 ? z + Math.Log(1.0 + Math.Exp(-z)) : Math.Log(1.0 + Math.Exp(z)));
    }

    /// <summary>The logistic function 1 / (1 + e^{-x}).</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));
}
