namespace LieInter;

/// <summary>Derivatives of <see cref="Smooth"/> functions, called by generated tangent and adjoint code.</summary>
public static class SmoothDerivatives
{
    /// <summary>d/dx Abs(x, w) = x / sqrt(x^2 + w^2).</summary>
    public static double AbsDx(double x, double width = Smooth.DefaultWidth) => x / Math.Sqrt(x * x + width * width);

    /// <summary>d/dw Abs(x, w) = w / sqrt(x^2 + w^2) - 1.</summary>
    public static double AbsDWidth(double x, double width = Smooth.DefaultWidth) => width / Math.Sqrt(x * x + width * width) - 1.0;

    public static double MaxDa(double a, double b, double width = Smooth.DefaultWidth) => 0.5 * (1.0 + AbsDx(a - b, width));

    public static double MaxDb(double a, double b, double width = Smooth.DefaultWidth) => 0.5 * (1.0 - AbsDx(a - b, width));

    public static double MinDa(double a, double b, double width = Smooth.DefaultWidth) => 0.5 * (1.0 - AbsDx(a - b, width));

    public static double MinDb(double a, double b, double width = Smooth.DefaultWidth) => 0.5 * (1.0 + AbsDx(a - b, width));

    public static double MaxDWidth(double a, double b, double width = Smooth.DefaultWidth) => 0.5 * AbsDWidth(a - b, width);

    public static double MinDWidth(double a, double b, double width = Smooth.DefaultWidth) => -0.5 * AbsDWidth(a - b, width);

    /// <summary>d/dx Softplus(x, w) = sigmoid(x / w).</summary>
    public static double SoftplusDx(double x, double width = Smooth.DefaultWidth) => Smooth.Sigmoid(x / width);

    /// <summary>d/dw Softplus(x, w) = Softplus(x, w) / w - (x / w) sigmoid(x / w).</summary>
    public static double SoftplusDWidth(double x, double width = Smooth.DefaultWidth) =>
        Smooth.Softplus(x, width) / width - x / width * Smooth.Sigmoid(x / width);

    public static double SigmoidDx(double x)
    {
        double s = Smooth.Sigmoid(x);
        return s * (1.0 - s);
    }
}
