namespace LieInter.LieGroups;

/// <summary>
/// A real Lie group acting smoothly on real values (Sec. 2.4 and Def. 3 of the paper). Elements are stored as
/// <see cref="ElementSize"/> numbers; interventions are parameterised by Lie-algebra coordinates u of length
/// <see cref="Dimension"/>, the element being <c>Exp(u)</c>, so <c>u = 0</c> is the identity.
/// </summary>
/// <remarks>Generated code calls <see cref="Apply"/>, <see cref="ApplyTangent"/> and <see cref="ApplyAdjoint"/>
/// through the concrete type, so a user group only has to implement the abstract members; the defaults are exact
/// but the built-in groups override them with closed forms.</remarks>
public interface ILieGroup<TSelf>
    where TSelf : ILieGroup<TSelf>
{
    /// <summary>Number of Lie-algebra coordinates per acted-on element.</summary>
    static abstract int Dimension { get; }

    /// <summary>Number of doubles that store one group element.</summary>
    static abstract int ElementSize { get; }

    /// <summary>True when g . v is affine in v for every g (lets the generator mark models affine in the state).</summary>
    static abstract bool ActionIsAffine { get; }

    static abstract void Identity(Span<double> element);

    /// <summary>product = g h.</summary>
    static abstract void Compose(ReadOnlySpan<double> g, ReadOnlySpan<double> h, Span<double> product);

    static abstract void Inverse(ReadOnlySpan<double> g, Span<double> inverse);

    /// <summary>Exponential map from Lie-algebra coordinates to a group element.</summary>
    static abstract void Exp(ReadOnlySpan<double> u, Span<double> element);

    /// <summary>Logarithm: the coordinates u with Exp(u) = element, near the identity.</summary>
    static abstract void Log(ReadOnlySpan<double> element, Span<double> u);

    /// <summary>The action g . value.</summary>
    static abstract double Act(ReadOnlySpan<double> g, double value);

    /// <summary>Exp(u) . value, its derivative with respect to value, and its gradient with respect to u
    /// (written into <paramref name="dU"/>, length <see cref="Dimension"/>).</summary>
    static abstract double ActExp(ReadOnlySpan<double> u, double value, out double dValue, Span<double> dU);

    /// <summary>Exp(u) . value.</summary>
    static virtual double Apply(ReadOnlySpan<double> u, double value)
    {
        Span<double> du = stackalloc double[TSelf.Dimension];
        return TSelf.ActExp(u, value, out _, du);
    }

    /// <summary>Tangent of Exp(u) . value along (dValue, du).</summary>
    static virtual double ApplyTangent(ReadOnlySpan<double> u, double value, double dValue, ReadOnlySpan<double> du)
    {
        Span<double> grad = stackalloc double[TSelf.Dimension];
        TSelf.ActExp(u, value, out double dv, grad);
        double t = dv * dValue;
        if (!du.IsEmpty)
        {
            for (int k = 0; k < grad.Length; k++)
            {
                t += grad[k] * du[k];
            }
        }

        return t;
    }

    /// <summary>Adjoint of Exp(u) . value for the cotangent <paramref name="bar"/>: adds bar * d/du into
    /// <paramref name="uBar"/> (when not empty) and returns bar * d/dvalue.</summary>
    static virtual double ApplyAdjoint(ReadOnlySpan<double> u, double value, double bar, Span<double> uBar)
    {
        Span<double> grad = stackalloc double[TSelf.Dimension];
        TSelf.ActExp(u, value, out double dv, grad);
        if (!uBar.IsEmpty)
        {
            for (int k = 0; k < grad.Length; k++)
            {
                uBar[k] += bar * grad[k];
            }
        }

        return bar * dv;
    }
}
