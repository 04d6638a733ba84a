namespace LieInter.Optimization;

/// <summary>
/// An equilibrium layer that can also give the whole sensitivity matrix dx*/du at its last solve, which exact-L1
/// design (<see cref="TrustRegionL1Optimizer"/>) needs to model |e_i (x_i(u) - x*_i)| piece by piece.
/// </summary>
public interface ISensitivityLayer : IEquilibriumLayer
{
    /// <summary>Writes dx*/du at the point of the last successful <see cref="IEquilibriumLayer.TrySolve"/> into
    /// <paramref name="stateByControl"/>, row-major (StateDimension rows, ControlDimension columns). Returns false
    /// with the reason when the sensitivities are undefined there (I - Jx singular).</summary>
    bool TrySensitivities(Span<double> stateByControl, out string? problem);

    /// <summary>Factorisations made for sensitivities so far (cost accounting).</summary>
    int Factorizations { get; }
}
