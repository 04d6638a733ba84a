namespace LieInter.Samples.Motivating;

/// <summary>Eq. (4) of the paper: x = tau, y = u_y (alpha x + beta z), z = u_z gamma y, with the distributed
/// multiplicative Lie intervention "Damping" on the assignments of y and z (coordinates ln u_y, ln u_z).</summary>
[LieIntervention(Damping, typeof(Multiplicative), nameof(Y), nameof(Z))]
[Solvability(SolvabilityKind.SpectralRadius)] // of df/dx: the model is linear in the state
public partial class LinearMotivating
{
    public const string Damping = "Damping";

    [Parameter] public double Tau = 1, Alpha = 0.5, Beta = 0.3, Gamma = 0.8;
    [Node] public double X, Y, Z;

    [Assignment(nameof(X))] double AssignX() => Tau;
    [Assignment(nameof(Y))] double AssignY() => Alpha * X + Beta * Z;
    [Assignment(nameof(Z))] double AssignZ() => Gamma * Y;

    /// <summary>z* = gamma alpha tau / (1 - beta gamma), and more generally, under (u_y, u_z),
    /// z = u_y u_z gamma alpha tau / (1 - u_y u_z beta gamma): it depends on u only through u_y u_z.</summary>
    public double ClosedFormZ(double uy = 1, double uz = 1) => uy * uz * Gamma * Alpha * Tau / (1 - uy * uz * Beta * Gamma);
}

/// <summary>The nonlinear variant of Sec. 3.3: z = tanh(gamma y). The Lie intervention acts on y only; z is both the
/// invariant and the auxiliary node (Fig. 2c): its assignment is replaced by a learned function of its parent y.</summary>
[LieIntervention(Damping, typeof(Multiplicative), nameof(Y))]
[InvariantIntervention(Damping, nameof(Z), nameof(Z))]
[Solvability(SolvabilityKind.Custom, Method = nameof(IsContraction))]
public partial class NonlinearMotivating
{
    public const string Damping = "Damping";

    [Parameter] public double Tau = 1, Alpha = 0.5, Beta = 0.3, Gamma = 0.8;
    [Node] public double X, Y, Z;

    [Assignment(nameof(X))] double AssignX() => Tau;
    [Assignment(nameof(Y))] double AssignY() => Alpha * X + Beta * Z;
    [Assignment(nameof(Z))] double AssignZ() => Math.Tanh(Gamma * Y);

    /// <summary>The y-z loop has gain beta * gamma * tanh' &lt;= beta * gamma, so it contracts when that is below 1
    /// (at u = 0; the intervention multiplies the gain by u_y, which the solver's report then watches).</summary>
    bool IsContraction() => Beta * Gamma < 1 && Beta * Gamma > -1;
}
