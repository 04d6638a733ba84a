namespace LieInter.Optimization;

/// <summary>
/// The quadratic penalty (1/2) sum_i q_i (v_i - r_i)^2 on the distance of the state (v = x) or of the intervention
/// coordinates (v = u) to a reference. On the control it is a ridge: with r = 0 it keeps alpha = e^u near 1.
/// </summary>
public sealed class QuadraticDeviationTerm : WeightedDeviationTerm
{
    /// <param name="name">The term's name in reports.</param>
    /// <param name="weights">q, one per entry of v.</param>
    /// <param name="reference">r, one per entry of v.</param>
    /// <param name="space">Whether v is the state (default) or the control.</param>
    public QuadraticDeviationTerm(string name, double[] weights, double[] reference, TermSpace space = TermSpace.State)
        : base(name, weights, reference, space)
    {
    }

    /// <summary>The same weight <paramref name="rho"/> on each of <paramref name="dimension"/> control coordinates,
    /// centred at 0.</summary>
    public static QuadraticDeviationTerm Ridge(string name, int dimension, double rho)
    {
        var w = new double[dimension];
        Array.Fill(w, rho);
        return new QuadraticDeviationTerm(name, w, new double[dimension], TermSpace.Control);
    }

    public override double SmoothingErrorBound => 0;

    public override double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient)
    {
        var v = Read(x, u);
        var gradient = GradientOf(stateGradient, controlGradient);
        double value = 0;
        for (int i = 0; i < WeightValues.Length; i++)
        {
            double z = v[i] - ReferenceValues[i];
            value += 0.5 * WeightValues[i] * z * z;
            gradient[i] += weight * WeightValues[i] * z;
        }

        return value;
    }

    public override double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u)
    {
        var v = Read(x, u);
        double value = 0;
        for (int i = 0; i < WeightValues.Length; i++)
        {
            double z = v[i] - ReferenceValues[i];
            value += 0.5 * WeightValues[i] * z * z;
        }

        return value;
    }
}
