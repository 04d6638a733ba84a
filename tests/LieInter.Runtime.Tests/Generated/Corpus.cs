// The derivative corpus: models covering the differentiable subset. Each is compiled by the generator as part of
// this test assembly; DerivativeTests checks their JVPs and VJPs against finite differences and each other.
using LieInter.LieGroups;
namespace LieInter.Tests.Generated;

/// <summary>Eq. (4) of the paper with a distributed multiplicative intervention on y and z.</summary>
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

/// <summary>Dense Leontief quantity model x = A x + y, with a multiplicative intervention on every sector's assignment.</summary>
[LieIntervention("Sectors", typeof(Multiplicative), nameof(X))]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public partial class DenseLeontief
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[] FinalDemand = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = FinalDemand[i];
        for (int j = 0; j < X.Length; j++)
        {
            s += A[i, j] * X[j];
        }

        return s;
    }
}

/// <summary>Leontief price model p = A^T p + beta delta_e.</summary>
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public partial class PriceModel
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[] EnergyIndicator = default!;
    [Parameter] public double Beta = 1.0;
    [Node] public double[] P = default!;

    [Assignment(nameof(P))]
    double AssignP(int i)
    {
        double s = Beta * EnergyIndicator[i];
        for (int j = 0; j < P.Length; j++)
        {
            s += A[j, i] * P[j];
        }

        return s;
    }
}

/// <summary>The 3-sector rebound model of Sec. 2.1: quantities, prices and price-dependent final demand, with a
/// multiplicative efficiency intervention on the energy sector's row of A.</summary>
[LieIntervention("Efficiency", typeof(Multiplicative), nameof(EnergyEfficiency))]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public partial class Rebound
{
    public const int Energy = 1;

    [Parameter] public double[,] A = default!;
    [Parameter] public double EnergyEfficiency = 1.0;
    [Node] public double[] X = default!;
    [Node] public double[] P = default!;
    [Node] public double[] Demand = default!;

    [Smooth] double Coefficient(int i, int j) => i == Energy ? EnergyEfficiency * A[i, j] : A[i, j];

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = Demand[i];
        for (int j = 0; j < X.Length; j++)
        {
            s += Coefficient(i, j) * X[j];
        }

        return s;
    }

    [Assignment(nameof(P))]
    double AssignP(int i)
    {
        double s = Coefficient(Energy, i);
        for (int j = 0; j < P.Length; j++)
        {
            s += Coefficient(j, i) * P[j];
        }

        return s;
    }

    [Assignment(nameof(Demand))]
    double AssignDemand(int i) => 1.42 / (Math.Exp(10 * (P[i] / 0.4 - 1)) + 1);
}

/// <summary>Smooth functions of the table and a helper method.</summary>
[Solvability(SolvabilityKind.Contraction, Bound = 0.9)]
public partial class Functions
{
    [Parameter] public double Scale = 0.3, Offset = 1.5, Exponent = 1.7;
    [Node] public double A, B, C;

    [Smooth] double Bump(double z) => Math.Sqrt(1 + z * z) - 1;

    [Assignment(nameof(A))] double AssignA() => Scale * Math.Tanh(B) + Math.Log(Offset + C * C);
    [Assignment(nameof(B))] double AssignB() => Scale * Math.Exp(-A * A) * Math.Pow(Offset + Bump(C), Exponent) / 4;
    [Assignment(nameof(C))] double AssignC() => Scale * Math.Sqrt(Offset + A * A) + 0.1 * Bump(A - B);
}

/// <summary>Lie interventions on parameters: shared shift of a scalar, distributed multiplicative on a vector, and
/// a distributed multiplicative intervention on every entry of a matrix.</summary>
[LieIntervention("DemandShift", typeof(Shift), nameof(Level), Shared = true)]
[LieIntervention("DemandScale", typeof(Multiplicative), nameof(FinalDemand))]
[LieIntervention("Technology", typeof(Multiplicative), nameof(A))]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public partial class ParameterInterventions
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[] FinalDemand = default!;
    [Parameter] public double Level = 0.5;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = FinalDemand[i] + Level;
        for (int j = 0; j < X.Length; j++)
        {
            s += A[i, j] * X[j];
        }

        return s;
    }
}

/// <summary>Leontief on a CSR matrix.</summary>
[LieIntervention("Links", typeof(Multiplicative), nameof(A))]
[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]
public partial class SparseLeontief
{
    [Parameter] public SparseMatrix A = default!;
    [Parameter] public double[] FinalDemand = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = FinalDemand[i];
        for (int k = A.RowPointers[i]; k < A.RowPointers[i + 1]; k++)
        {
            s += A.Values[k] * X[A.ColumnIndices[k]];
        }

        return s;
    }
}

/// <summary>A banded nonlinear system: x_i = (p_i + x_{i-1} + x_{i+1} - 0.1 x_i^2) / 10 (the fixed point of
/// A x + 0.1 x^2 = p with A tridiagonal (-1, 10, -1)).</summary>
[Solvability(SolvabilityKind.Contraction, Bound = 0.5)]
public partial class Tridiagonal
{
    [Parameter] public double[] Load = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double left = i > 0 ? X[i - 1] : 0.0;
        double right = i < X.Length - 1 ? X[i + 1] : 0.0;
        return (Load[i] + left + right - 0.1 * X[i] * X[i]) / 10;
    }
}

/// <summary>Products accumulated in a loop (values overwritten in the loop that the adjoint needs: the tape).</summary>
[Solvability(SolvabilityKind.Contraction, Bound = 0.9)]
public partial class LoopProducts
{
    [Parameter] public double[] Weights = default!;
    [Parameter] public double Rate = 0.1;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double p = 1.0;
        for (int j = 0; j < X.Length; j++)
        {
            p *= 1.0 + Rate * Math.Tanh(X[j] * Weights[j]);
            p /= 1.0 + 0.01 * j;
        }

        double q = p;
        q -= 0.5 * Weights[i];
        q++;
        return Weights[i] * q / X.Length;
    }
}

/// <summary>A scalar node summing a vector node (reduction) that feeds back to every element (broadcast), with an
/// affine Lie intervention on the vector node's assignment.</summary>
[LieIntervention("Adjust", typeof(Affine), nameof(X))]
[Solvability(SolvabilityKind.SpectralRadius)]
public partial class ReductionBroadcast
{
    [Parameter] public double[] Base = default!;
    [Parameter] public double Coupling = 0.05;
    [Node] public double Total;
    [Node] public double[] X = default!;

    [Assignment(nameof(Total))]
    double AssignTotal()
    {
        double s = 0;
        for (int j = 0; j < X.Length; j++)
        {
            s += X[j];
        }

        return s;
    }

    [Assignment(nameof(X))]
    double AssignX(int i) => Base[i] + Coupling * Total / (1 + Total * Total / 100);
}

/// <summary>A user-defined Lie group that only implements the required members (the defaults supply the rest):
/// the positive reals acting by powers, exp(u) . v = v^(e^u) for v &gt; 0.</summary>
public readonly struct PowerGroup : ILieGroup<PowerGroup>
{
    public static int Dimension => 1;

    public static int ElementSize => 1;

    public static bool ActionIsAffine => false;

    public static void Identity(Span<double> element) => element[0] = 1.0;

    public static void Compose(ReadOnlySpan<double> g, ReadOnlySpan<double> h, Span<double> product) => product[0] = g[0] * h[0];

    public static void Inverse(ReadOnlySpan<double> g, Span<double> inverse) => inverse[0] = 1.0 / g[0];

    public static void Exp(ReadOnlySpan<double> u, Span<double> element) => element[0] = Math.Exp(u[0]);

    public static void Log(ReadOnlySpan<double> element, Span<double> u) => u[0] = Math.Log(element[0]);

    public static double Act(ReadOnlySpan<double> g, double value) => Math.Pow(value, g[0]);

    public static double ActExp(ReadOnlySpan<double> u, double value, out double dValue, Span<double> dU)
    {
        double a = Math.Exp(u[0]);
        double r = Math.Pow(value, a);
        dValue = a * Math.Pow(value, a - 1);
        dU[0] = r * Math.Log(value) * a;
        return r;
    }
}

/// <summary>A user-defined group acting on node assignments.</summary>
[LieIntervention("Curvature", typeof(PowerGroup), nameof(Y))]
[Solvability(SolvabilityKind.Contraction, Bound = 0.9)]
public partial class UserGroup
{
    [Parameter] public double Gain = 0.4;
    [Node] public double[] Y = default!;

    [Assignment(nameof(Y))]
    double AssignY(int i) => 1.0 + Gain * Math.Sin(Y[(i + 1) % Y.Length]) / (2 + i);
}

/// <summary>Index conditions, early returns, int locals, smooth absolute value and max, trigonometry.</summary>
[Solvability(SolvabilityKind.Contraction, Bound = 0.9)]
public partial class Branches
{
    [Parameter] public double[] Coefficients = default!;
    [Parameter] public double Width = 0.01;
    [Node] public double[] V = default!;
    [Node] public double W;

    [Assignment(nameof(V))]
    double AssignV(int i)
    {
        if (i == 0)
        {
            return 0.2 * Math.Cos(W) + 0.1 * Smooth.Abs(V[V.Length - 1] - 0.3, Width);
        }

        int previous = i - 1;
        double c = Coefficients[i];
        double value = c * Math.Sin(V[previous]) + 0.05 * Math.Atan2(W, 1.0 + V[i] * V[i]);
        if (i % 2 == 1)
        {
            value += 0.1 * Smooth.Max(V[i], W, Width);
        }
        else
        {
            value -= 0.05 * Smooth.Min(V[i], 0.5);
        }

        return value;
    }

    [Assignment(nameof(W))]
    double AssignW()
    {
        double s = 0;
        for (int k = 1; k < V.Length; k++)
        {
            double term = k <= 2 ? V[k] : 0.5 * V[k];
            s += term * Coefficients[k];
        }

        return 0.3 * Smooth.Softplus(s, 0.1) + 0.1 * Smooth.Sigmoid(s);
    }
}

/// <summary>Nested loops, a helper with an int parameter, compound operators, hyperbolic and cube-root functions.</summary>
[Solvability(SolvabilityKind.Contraction, Bound = 0.9)]
public partial class NestedLoops
{
    [Parameter] public double[,] K = default!;
    [Parameter] public double Damping = 0.2;
    [Node] public double[] Z = default!;

    [Smooth]
    double Kernel(int a, int b, double scale)
    {
        double r = K[a, b] * scale;
        return r / (1 + r * r);
    }

    [Assignment(nameof(Z))]
    double AssignZ(int i)
    {
        double acc = 0;
        for (int a = 0; a < Z.Length; a++)
        {
            double inner = 0;
            for (int b = 0; b <= a; b++)
            {
                inner += Kernel(a, b, Z[b]);
            }

            acc += Math.Cosh(0.1 * inner) * Z[a];
        }

        acc *= Damping / Z.Length;
        acc += Math.Cbrt(1 + Z[i] * Z[i]) * 0.1;
        return Math.Sinh(0.5 * acc) + 0.01 * (double)i;
    }
}
