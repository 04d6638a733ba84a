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
