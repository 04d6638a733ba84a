namespace LieInter.Equilibrium;

/// <summary>An override given by delegates, for hand-written soft interventions and tests.</summary>
public sealed class DelegateAssignmentOverride : IAssignmentOverride
{
    /// <summary>Writes the node's value from its parents' values.</summary>
    public delegate void EvaluateFn(ReadOnlySpan<double> parents, Span<double> value);

    /// <summary>Writes the value and its tangent from the parents' values and tangents.</summary>
    public delegate void JvpFn(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue);

    /// <summary>Writes wValue^T Dg, the cotangent pulled back to the parents, into <paramref name="wParents"/> (overwritten).</summary>
    public delegate void VjpFn(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents);

    private readonly EvaluateFn _evaluate;
    private readonly JvpFn _jvp;
    private readonly VjpFn _vjp;

    public DelegateAssignmentOverride(EvaluateFn evaluate, JvpFn jvp, VjpFn vjp)
    {
        _evaluate = evaluate;
        _jvp = jvp;
        _vjp = vjp;
    }

    public OverrideBinding? Binding { get; private set; }

    public void Bind(OverrideBinding binding) => Binding = binding;

    public void Evaluate(ReadOnlySpan<double> parents, Span<double> value) => _evaluate(parents, value);

    public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue) => _jvp(parents, dParents, value, dValue);

    public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents) => _vjp(parents, wValue, wParents);
}
