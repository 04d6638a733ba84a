using LieInter.Equilibrium;
using LieInter.Optimization;
using LieInter.Solvers;

namespace LieInter.Differentiation;

/// <summary>Adapts a <see cref="DifferentiableEquilibrium"/> to the optimisers' <see cref="IEquilibriumLayer"/>:
/// the controls are the system's Lie coordinates u.</summary>
public sealed class EquilibriumLayer : ISensitivityLayer
{
    public EquilibriumLayer(DifferentiableEquilibrium equilibrium)
    {
        Equilibrium = equilibrium ?? throw new ArgumentNullException(nameof(equilibrium));
    }

    public EquilibriumLayer(EquilibriumSystem system, EquilibriumSolverOptions? options = null)
        : this(new DifferentiableEquilibrium(system, options))
    {
    }

    public DifferentiableEquilibrium Equilibrium { get; }

    /// <summary>The states the model means (for example nonnegative outputs of an economy); a solve that lands
    /// outside is reported as failed, so an optimiser rejects the step instead of designing in a region where the
    /// equilibrium has no meaning. Null: every state.</summary>
    public StatePredicate? Admissible { get; init; }

    public int StateDimension => Equilibrium.System.Dimension;

    public int ControlDimension => Equilibrium.System.Coordinates.Length;

    public bool TrySolve(ReadOnlySpan<double> u, Span<double> state)
    {
        u.CopyTo(Equilibrium.System.Coordinates);
        if (!Equilibrium.TrySolve(out _))
        {
            return false;
        }

        if (Admissible is { } admissible && !admissible(Equilibrium.State))
        {
            return false;
        }

        Equilibrium.State.CopyTo(state);
        return true;
    }

    public void Backpropagate(ReadOnlySpan<double> stateCotangent, Span<double> controlGradient)
    {
        Equilibrium.Backpropagate(stateCotangent, Span<double>.Empty, controlGradient);
    }

    public bool TrySensitivities(Span<double> stateByControl, out string? problem) =>
        Equilibrium.TrySensitivities(stateByControl, out problem);

    public int Factorizations => Equilibrium.SensitivityFactorizations;
}
