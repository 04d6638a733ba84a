using LieInter;

namespace PackageConsumer;

/// <summary>Eq. (4) of the paper: x = tau, y = u_y (alpha x + beta z), z = gamma y.</summary>
[LieIntervention("Damping", typeof(Multiplicative), nameof(Y))]
[InvariantIntervention("Damping", nameof(Z), nameof(Z))]
[Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
public partial class Motivating
{
    [Parameter] public double Tau = 1, Alpha = 0.5, Beta = 0.3, Gamma = 0.8;
    [Node] public double X, Y, Z;

    [Assignment(nameof(X))] double AssignX() => Tau;
    [Assignment(nameof(Y))] double AssignY() => Alpha * X + Beta * Z;
    [Assignment(nameof(Z))] double AssignZ() => Gamma * Y;
}
