using LieInter;

namespace Quickstart;

/// <summary>The paper's motivating example, eq. (4): x = tau, y = u_y (alpha x + beta z), z = u_z gamma y.</summary>
[LieIntervention("Damping", typeof(Multiplicative), nameof(Y), nameof(Z))]
[Solvability(SolvabilityKind.SpectralRadius)] // of df/dx: the model is linear
public partial class Motivating
{
    [Parameter] public double Tau = 1, Alpha = 0.5, Beta = 0.3, Gamma = 0.8;
    [Node] public double X, Y, Z;

    [Assignment(nameof(X))] double AssignX() => Tau;
    [Assignment(nameof(Y))] double AssignY() => Alpha * X + Beta * Z;
    [Assignment(nameof(Z))] double AssignZ() => Gamma * Y;
}

/// <summary>The Leontief quantity model x = A x + y.</summary>
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public partial class Leontief
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[] FinalDemand = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = FinalDemand[i];
        for (int j = 0; j < X.Length; j++) s += A[i, j] * X[j];
        return s;
    }
}
