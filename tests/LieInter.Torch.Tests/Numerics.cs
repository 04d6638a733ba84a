namespace LieInter.Torch.Tests;

/// <summary>Finite differences and small helpers shared by the tests.</summary>
internal static class Numerics
{
    public delegate void VectorFunction(ReadOnlySpan<double> x, Span<double> fx);

    /// <summary>Central difference (f(x + h v) - f(x - h v)) / 2h.</summary>
    public static double[] CentralDifference(VectorFunction f, double[] x, double[] v, int outputLength, double h = 1e-5)
    {
        var plus = new double[outputLength];
        var minus = new double[outputLength];
        var xp = new double[x.Length];
        var xm = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            xp[i] = x[i] + h * v[i];
            xm[i] = x[i] - h * v[i];
        }

        f(xp, plus);
        f(xm, minus);
        var d = new double[outputLength];
        for (int i = 0; i < outputLength; i++)
        {
            d[i] = (plus[i] - minus[i]) / (2 * h);
        }

        return d;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>||a - b|| / max(||b||, floor).</summary>
    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double floor = 1e-8)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return Math.Sqrt(s) / Math.Max(Norm(b), floor);
    }

    public static double[] Random(Random rng, int n, double scale = 1.0) =>
        Enumerable.Range(0, n).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();
}
