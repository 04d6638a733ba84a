namespace LieInter.Equilibrium;

/// <summary>A smooth map x -> f(x) on R^n whose fixed points the solvers find. Parameters and intervention
/// coordinates are held fixed by whoever implements it (usually <see cref="EquilibriumSystem"/>).</summary>
public interface IFixedPointMap
{
    int Dimension { get; }

    /// <summary>fx = f(x).</summary>
    void Evaluate(ReadOnlySpan<double> x, Span<double> fx);

    /// <summary>fx = f(x) and jv = Jx v, fused.</summary>
    void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> fx, Span<double> jv);

    /// <summary>wJ = w^T Jx.</summary>
    void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> wJ);
}
