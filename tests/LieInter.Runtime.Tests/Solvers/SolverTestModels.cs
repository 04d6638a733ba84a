namespace LieInter.Tests.Solvers;

/// <summary>h(x) = A x + 0.1 x^2 - p = 0 with A tridiagonal (-1, 10, -1), written as the fixed point x = x - h(x),
/// whose Jacobian has eigenvalues near -7 ... -12: forward iteration diverges, the equilibrium is well posed.</summary>
[Solvability(SolvabilityKind.Custom, Method = nameof(LoadIsNonnegative))]
public partial class StiffTridiagonal
{
    [Parameter] public double[] Load = default!;
    [Node] public double[] X = default!;

    /// <summary>With p &gt;= 0, h is an M-matrix plus a monotone term on x &gt;= 0: one nonnegative root.</summary>
    public bool LoadIsNonnegative()
    {
        foreach (var v in Load)
        {
            if (!(v >= 0))
            {
                return false;
            }
        }

        return true;
    }

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double left = i > 0 ? X[i - 1] : 0.0;
        double right = i < X.Length - 1 ? X[i + 1] : 0.0;
        double h = 10 * X[i] - left - right + 0.1 * X[i] * X[i] - Load[i];
        return X[i] - h;
    }
}

/// <summary>x = 2 x + 1: a map with no attracting fixed point reachable by iteration and a declared (wrong) custom
/// condition, to check that divergence is reported rather than hidden.</summary>
[Solvability(SolvabilityKind.Custom, Method = nameof(Claim))]
public partial class Expanding
{
    [Parameter] public double Gain = 2.0;
    [Node] public double[] X = default!;

    public bool Claim() => true;

    [Assignment(nameof(X))]
    double AssignX(int i) => Gain * X[i] * X[i] + 1.0;
}

/// <summary>x_i = B + 0.5 x_i (solution 2B): finite for any finite B, even where squares overflow.</summary>
public partial class HalfPlusConstant
{
    [Parameter] public double B = 1;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i) => B + 0.5 * X[i];
}

/// <summary>x_i = x_i + 1: affine, I - J = 0, no fixed point at all.</summary>
public partial class NoFixedPoint
{
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i) => X[i] + 1.0;
}

/// <summary>x = x - (x - 1)^2: a double root at 1 where f' = 1, so I - J vanishes at the solution and a small residual
/// leaves a much larger error in x.</summary>
[Solvability(SolvabilityKind.Custom, Method = nameof(Claim))]
public partial class DoubleRoot
{
    [Node] public double X;

    public bool Claim() => true;

    [Assignment(nameof(X))]
    double AssignX() => X - ((X - 1) * (X - 1));
}
