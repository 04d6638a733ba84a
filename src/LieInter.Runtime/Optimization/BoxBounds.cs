namespace LieInter.Optimization;

/// <summary>
/// Simple bounds lower_i &lt;= u_i &lt;= upper_i on the design variables (interventions are bounded: a
/// multiplicative intervention alpha = e^u between 0.5 and 2 is u in [-ln 2, ln 2]). Infinite entries mean no
/// bound on that side. Both optimisers keep every evaluated point inside the box.
/// </summary>
public sealed class BoxBounds
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    public BoxBounds(double[] lower, double[] upper)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Length != upper.Length)
        {
            throw new ArgumentException($"Bounds must have equal lengths: {lower.Length} lower and {upper.Length} upper values.");
        }

        for (int i = 0; i < lower.Length; i++)
        {
            if (double.IsNaN(lower[i]) || double.IsNaN(upper[i]) || lower[i] > upper[i] || double.IsPositiveInfinity(lower[i]) || double.IsNegativeInfinity(upper[i]))
            {
                throw new ArgumentException($"Invalid bounds for variable {i}: lower = {lower[i]}, upper = {upper[i]} (need lower <= upper, lower < +inf, upper > -inf).");
            }
        }

        _lower = (double[])lower.Clone();
        _upper = (double[])upper.Clone();
        for (int i = 0; i < lower.Length; i++)
        {
            if (double.IsFinite(lower[i]) || double.IsFinite(upper[i]))
            {
                IsBounded = true;
                break;
            }
        }
    }

    /// <summary>The same interval [lower, upper] for each of <paramref name="dimension"/> variables.</summary>
    public static BoxBounds Uniform(int dimension, double lower, double upper)
    {
        var lo = new double[dimension];
        var hi = new double[dimension];
        Array.Fill(lo, lower);
        Array.Fill(hi, upper);
        return new BoxBounds(lo, hi);
    }

    /// <summary>No bounds at all.</summary>
    public static BoxBounds Unbounded(int dimension) => Uniform(dimension, double.NegativeInfinity, double.PositiveInfinity);

    public int Dimension => _lower.Length;

    public ReadOnlySpan<double> Lower => _lower;

    public ReadOnlySpan<double> Upper => _upper;

    /// <summary>False when every bound is infinite.</summary>
    public bool IsBounded { get; }

    /// <summary>Clips <paramref name="u"/> into the box in place.</summary>
    public void Project(Span<double> u)
    {
        CheckDimension(u.Length);
        for (int i = 0; i < u.Length; i++)
        {
            u[i] = Math.Clamp(u[i], _lower[i], _upper[i]);
        }
    }

    public bool Contains(ReadOnlySpan<double> u)
    {
        CheckDimension(u.Length);
        for (int i = 0; i < u.Length; i++)
        {
            if (!(u[i] >= _lower[i] && u[i] <= _upper[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Infinity norm of the projected gradient P(u - g) - u: zero exactly at first-order stationary
    /// points of the bound-constrained problem (where the plain gradient need not vanish).</summary>
    public double ProjectedGradientNorm(ReadOnlySpan<double> u, ReadOnlySpan<double> gradient)
    {
        CheckDimension(u.Length);
        CheckDimension(gradient.Length);
        double norm = 0;
        for (int i = 0; i < u.Length; i++)
        {
            double step = Math.Clamp(u[i] - gradient[i], _lower[i], _upper[i]) - u[i];
            norm = Math.Max(norm, Math.Abs(step));
        }

        return norm;
    }

    internal void CheckDimension(int length)
    {
        if (length != _lower.Length)
        {
            throw new ArgumentException($"Bounds are for {_lower.Length} variables, got a vector of length {length}.");
        }
    }
}
