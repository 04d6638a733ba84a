using LieInter.Modeling;

namespace LieInter.Equilibrium;

/// <summary>
/// A differentiable replacement for one node's structural assignment: the node's value becomes a function of its
/// parents in the causal graph (and nothing else), which keeps the graph and makes it a soft intervention.
/// Learned (MLP) and hand-written soft interventions plug in here, see <see cref="EquilibriumSystem.Override"/>.
/// </summary>
/// <remarks><c>parents</c> is the concatenation of the parent nodes' values in the order of
/// <see cref="OverrideBinding.Parents"/>; <c>value</c> has the overridden node's length.</remarks>
public interface IAssignmentOverride
{
    /// <summary>Called once when attached (and again when the layout changes).</summary>
    void Bind(OverrideBinding binding);

    void Evaluate(ReadOnlySpan<double> parents, Span<double> value);

    /// <summary>value = g(parents) and dValue = Dg dParents.</summary>
    void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue);

    /// <summary>wParents = wValue^T Dg (overwritten).</summary>
    void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents);
}

/// <summary>Where an override sits: the node it replaces and its parents' segments in the parent vector.</summary>
public sealed record OverrideBinding(string Node, int NodeLength, IReadOnlyList<Segment> Parents)
{
    public int ParentLength => Parents.Count == 0 ? 0 : Parents[^1].End;
}

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
