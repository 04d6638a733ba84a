using LieInter.Modeling;

namespace LieInter.Tests.Generated;

// Each model pair differs only in that the reference's loop body is not the bare product the generator turns into a
// kernel call ("+ 0.0" keeps it a scalar loop). Same layout, same function: the SIMD kernels must agree with the
// scalar code to rounding, in the value, every JVP and VJP variant and the Jacobian rows.

[LieIntervention("Scale", typeof(Multiplicative), nameof(X))]
public partial class RowKernelModel
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[,] B = default!;
    [Parameter] public double[] Y = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = Y[i];
        for (int j = 0; j < X.Length; j++)
        {
            s += A[i, j] * X[j];
        }

        for (int j = 1; j < X.Length - 1; j++)
        {
            s -= X[j] * B[i, j];
        }

        return s * s;
    }
}

[LieIntervention("Scale", typeof(Multiplicative), nameof(X))]
public partial class RowReferenceModel
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[,] B = default!;
    [Parameter] public double[] Y = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = Y[i];
        for (int j = 0; j < X.Length; j++)
        {
            s += A[i, j] * X[j] + 0.0;
        }

        for (int j = 1; j < X.Length - 1; j++)
        {
            s -= X[j] * B[i, j] + 0.0;
        }

        return s * s;
    }
}

[LieIntervention("Scale", typeof(Multiplicative), nameof(P))]
public partial class ColumnKernelModel
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[] C = default!;
    [Node] public double[] P = default!;

    [Assignment(nameof(P))]
    double AssignP(int i)
    {
        double s = C[i];
        for (int j = 0; j < P.Length; j++)
        {
            s += A[j, i] * P[j];
        }

        return s;
    }
}

[LieIntervention("Scale", typeof(Multiplicative), nameof(P))]
public partial class ColumnReferenceModel
{
    [Parameter] public double[,] A = default!;
    [Parameter] public double[] C = default!;
    [Node] public double[] P = default!;

    [Assignment(nameof(P))]
    double AssignP(int i)
    {
        double s = C[i];
        for (int j = 0; j < P.Length; j++)
        {
            s += A[j, i] * P[j] + 0.0;
        }

        return s;
    }
}

[LieIntervention("Scale", typeof(Multiplicative), nameof(X))]
public partial class SparseKernelModel
{
    [Parameter] public SparseMatrix A = default!;
    [Parameter] public double[] Y = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = Y[i];
        for (int k = A.RowPointers[i]; k < A.RowPointers[i + 1]; k++)
        {
            s += A.Values[k] * X[A.ColumnIndices[k]];
        }

        return Math.Tanh(s);
    }
}

[LieIntervention("Scale", typeof(Multiplicative), nameof(X))]
public partial class SparseReferenceModel
{
    [Parameter] public SparseMatrix A = default!;
    [Parameter] public double[] Y = default!;
    [Node] public double[] X = default!;

    [Assignment(nameof(X))]
    double AssignX(int i)
    {
        double s = Y[i];
        for (int k = A.RowPointers[i]; k < A.RowPointers[i + 1]; k++)
        {
            s += A.Values[k] * X[A.ColumnIndices[k]] + 0.0;
        }

        return Math.Tanh(s);
    }
}

public class KernelTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in new[] { "row", "column", "sparse" })
        {
            foreach (int n in new[] { 1, 5, 37, 130 })
            {
                data.Add(kind, n);
            }
        }

        return data;
    }

    private static (IEquilibriumModel Kernel, IEquilibriumModel Reference) Pair(string kind, int n)
    {
        var r = new Random(n * 7 + kind.Length);
        double[,] M() => CorpusInstances.RandomMatrix(r, n, 0.5 / n);
        double[] V() => CorpusInstances.RandomVector(r, n, -1, 1);
        switch (kind)
        {
            case "row":
                {
                    var a = M();
                    var b = M();
                    var y = V();
                    return (new RowKernelModel { A = a, B = b, Y = y, X = new double[n] }, new RowReferenceModel { A = a, B = b, Y = y, X = new double[n] });
                }

            case "column":
                {
                    var a = M();
                    var c = V();
                    return (new ColumnKernelModel { A = a, C = c, P = new double[n] }, new ColumnReferenceModel { A = a, C = c, P = new double[n] });
                }

            default:
                {
                    var a = CorpusInstances.RandomSparse(r, n, 0.2, 0.3);
                    var y = V();
                    return (new SparseKernelModel { A = a, Y = y, X = new double[n] }, new SparseReferenceModel { A = a, Y = y, X = new double[n] });
                }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KernelCallsAgreeWithTheScalarLoopsInValueJvpVjpAndJacobianRows(string kind, int n)
    {
        var (kernel, reference) = Pair(kind, n);
        var layout = kernel.GetLayout();
        int nx = layout.StateLength, np = layout.ParameterLength, nu = layout.InterventionLength;
        Assert.Equal(np, reference.GetLayout().ParameterLength);
        var r = new Random(3);
        double[] Rand(int m) => Enumerable.Range(0, m).Select(_ => r.NextDouble() * 2 - 1).ToArray();
        var x = Rand(nx);
        var u = Rand(nu).Select(v => 0.3 * v).ToArray();
        var dx = Rand(nx);
        var dTheta = Rand(np);
        var du = Rand(nu);
        var w = Rand(nx);

        void Same(double[] expected, double[] actual, string what)
        {
            double scale = Math.Max(1e-300, expected.Max(Math.Abs));
            for (int k = 0; k < expected.Length; k++)
            {
                Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-13 * scale, $"{kind} n={n} {what}[{k}]: {actual[k]} vs scalar {expected[k]}");
            }
        }

        double[] Evaluate(IEquilibriumModel m)
        {
            var f = new double[nx];
            m.Evaluate(x, u, f);
            return f;
        }

        Same(Evaluate(reference), Evaluate(kernel), "f");

        foreach (var (th, d) in new[] { (Array.Empty<double>(), Array.Empty<double>()), (Array.Empty<double>(), du), (dTheta, du) })
        {
            (double[], double[]) Jvp(IEquilibriumModel m)
            {
                var f = new double[nx];
                var jv = new double[nx];
                m.Jvp(x, u, dx, th, d, f, jv);
                return (f, jv);
            }

            var (fr, jr) = Jvp(reference);
            var (fk, jk) = Jvp(kernel);
            Same(fr, fk, $"jvp value (dtheta {th.Length > 0}, du {d.Length > 0})");
            Same(jr, jk, $"jvp (dtheta {th.Length > 0}, du {d.Length > 0})");
        }

        foreach (var (withTheta, withU) in new[] { (false, false), (false, true), (true, true) })
        {
            (double[], double[], double[]) Vjp(IEquilibriumModel m)
            {
                var wx = new double[nx];
                var wt = withTheta ? new double[np] : Array.Empty<double>();
                var wu = withU ? new double[nu] : Array.Empty<double>();
                m.Vjp(x, u, w, wx, wt, wu);
                return (wx, wt, wu);
            }

            var (xr, tr, ur) = Vjp(reference);
            var (xk, tk, uk) = Vjp(kernel);
            Same(xr, xk, $"vjp x (theta {withTheta}, u {withU})");
            if (withTheta)
            {
                Same(tr, tk, "vjp theta");
            }

            if (withU)
            {
                Same(ur, uk, "vjp u");
            }
        }

        for (int row = 0; row < nx; row += Math.Max(1, nx / 5))
        {
            var jr = new double[nx];
            var jk = new double[nx];
            reference.JacobianRow(x, u, row, jr);
            kernel.JacobianRow(x, u, row, jk);
            Same(jr, jk, $"Jacobian row {row}");
        }
    }

    [Fact]
    public void ARangeOutsideTheMatrixThrowsTheIndexErrorTheLoopWouldHave()
    {
        var a = new double[3, 4];
        var x = new double[4];
        Assert.Throws<IndexOutOfRangeException>(() => LieInter.Generated.Kernels.RowDot(LieInter.Generated.Kernels.Flat(a), 4, 3, 0, 4, x));
        Assert.Throws<IndexOutOfRangeException>(() => LieInter.Generated.Kernels.RowDot(LieInter.Generated.Kernels.Flat(a), 4, 0, 0, 5, new double[5]));
        Assert.Throws<IndexOutOfRangeException>(() => LieInter.Generated.Kernels.ColumnDot(LieInter.Generated.Kernels.Flat(a), 4, 4, 0, 3, x));
        Assert.Throws<IndexOutOfRangeException>(() => LieInter.Generated.Kernels.ColumnDot(LieInter.Generated.Kernels.Flat(a), 4, 0, 0, 4, x));
        Assert.Equal(0.0, LieInter.Generated.Kernels.RowDot(LieInter.Generated.Kernels.Flat(a), 4, 2, 2, 2, x));

        // A loop that runs zero times reads nothing, wherever its bounds point.
        Assert.Equal(0.0, LieInter.Generated.Kernels.RowDot(LieInter.Generated.Kernels.Flat(a), 4, 9, 7, 0, x));
        Assert.Equal(0.0, LieInter.Generated.Kernels.SparseDot(new double[1], new int[1], 5, 1, x));
    }
}
