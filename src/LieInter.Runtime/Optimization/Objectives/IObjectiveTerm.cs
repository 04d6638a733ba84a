namespace LieInter.Optimization;

/// <summary>
/// One differentiable piece of an intervention-design objective, a function of the equilibrium state x and the
/// intervention coordinates u. Pieces are combined with weights by <see cref="InterventionObjective"/>.
/// </summary>
public interface IObjectiveTerm
{
    /// <summary>Name used in reports (objective parts of a lambda path, error messages).</summary>
    string Name { get; }

    /// <summary>Checks the term's sizes against the state and control lengths; throws
    /// <see cref="ArgumentException"/> naming the term when they disagree.</summary>
    void Validate(int stateDimension, int controlDimension);

    /// <summary>Returns the value that is minimised (the smoothed value for a smoothed term) and adds
    /// <paramref name="weight"/> times its gradients into <paramref name="stateGradient"/> and
    /// <paramref name="controlGradient"/>.</summary>
    double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, double weight, Span<double> stateGradient, Span<double> controlGradient);

    /// <summary>The exact (unsmoothed) value.</summary>
    double ExactValue(ReadOnlySpan<double> x, ReadOnlySpan<double> u);

    /// <summary>A bound on <see cref="ExactValue"/> minus <see cref="Evaluate"/>'s value that holds for every x and
    /// u; zero for exact terms. Smoothed terms here under-approximate, so exact - bound &lt;= surrogate &lt;= exact.</summary>
    double SmoothingErrorBound { get; }
}

internal static class TermChecks
{
    /// <summary>Checks that a term's weights match the vector it reads (the state or the control).</summary>
    public static void Length(string term, TermSpace space, int weights, int stateDimension, int controlDimension) =>
        Length(term, space == TermSpace.State ? "the weight vector" : "the control weight vector", weights, space == TermSpace.State ? stateDimension : controlDimension);

    public static void Length(string term, string what, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Objective term '{term}': {what} has length {actual} but the {(what.Contains("control", StringComparison.Ordinal) ? "intervention coordinates have" : "state has")} {expected} entries.");
        }
    }

    public static double[] Finite(string term, string what, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values, what);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Objective term '{term}': {what}[{i}] = {values[i]} is not finite.");
            }
        }

        return (double[])values.Clone();
    }
}
