using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LieInter.Solvers;

/// <summary>
/// LU with partial pivoting in C#, for machines without a LAPACK: the same algorithm and storage as LAPACK's dgetrf
/// (column-major, row interchanges, unit lower L below the diagonal, U on and above it), so pivots and factors
/// agree with the native backend to rounding. Recursive on columns (Toledo; LAPACK's dgetrf2): most of the
/// 2n^3/3 flops land in a few large products C -= A B, done by a packed, register-blocked SIMD kernel
/// (the BLIS layout: an MR x NR tile of C in registers, A and B packed so the kernel reads both contiguously).
/// </summary>
internal static unsafe class ManagedLu
{
    // 8 x 6 tile: 12 accumulators of 4 doubles + 2 loads of A + 1 broadcast of B = 15 of the 16 AVX2 registers.
    private const int MR = 8, NR = 6;

    // KC x NR of packed B (12 KiB) stays in L1 while the kernel sweeps MC x KC of packed A (256 KiB, L2).
    private const int KC = 256, MC = 128, NC = 3072;

    // The hot loops are marked AggressiveOptimization: tiered compilation would otherwise run a first factorisation
    // (often the only one) in unoptimised code.

    // Panels this narrow are factorised column by column; below this size the triangular solve is scalar.
    private const int PanelBase = 16, TrsmBase = 16;

    /// <summary>Up to this order the unblocked dgetf2 runs on the whole matrix; it beats OpenBLAS's dgetrf there too.</summary>
    internal const int UnblockedUpTo = 96;

    // DBL_MIN, LAPACK's sfmin: below it 1 / pivot overflows.
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>Factorises the column-major n x n matrix at <paramref name="a"/> in place; <paramref name="ipiv"/>
    /// gets LAPACK's 1-based pivots. Returns LAPACK's info: 0, or the 1-based index of the first exactly zero
    /// U_kk (the factorisation is complete either way).</summary>
    public static int Factor(double* a, int n, int* ipiv)
    {
        if (n == 0)
        {
            return 0;
        }

        if (n <= UnblockedUpTo)
        {
            // Small matrices: the packing buffers and the recursion cost more than the flops they save.
            FactorPanel(n, n, a, n, ipiv);
        }
        else
        {
            var ws = new Workspace(n);
            fixed (double* packA = ws.PackA, packB = ws.PackB)
            {
                ws.A = packA;
                ws.B = packB;
                Getrf(n, n, a, n, ipiv, ws);
            }
        }

        int info = 0;
        for (int k = 0; k < n; k++)
        {
            ipiv[k]++;
            if (info == 0 && a[k + (long)k * n] == 0)
            {
                info = k + 1;
            }
        }

        return info;
    }

    private sealed class Workspace(int n)
    {
        public readonly double[] PackA = new double[Math.Min(MC, RoundUp(n, MR)) * Math.Min(KC, n)];
        public readonly double[] PackB = new double[Math.Min(KC, n) * Math.Min(NC, RoundUp(n, NR))];
        public double* A, B;
    }

    private static int RoundUp(int x, int m) => (x + m - 1) / m * m;

    /// <summary>Where to split a width: about half, on a multiple of MR so the products' tiles are full.</summary>
    private static int Split(int width)
    {
        int w1 = width / 2;
        return w1 > MR ? w1 - w1 % MR : w1;
    }

    /// <summary>Recursive LU of the m x w panel at a (m >= w), 0-based pivots relative to the panel's first row.</summary>
    private static void Getrf(int m, int w, double* a, int lda, int* ipiv, Workspace ws)
    {
        if (w <= PanelBase)
        {
            FactorPanel(m, w, a, lda, ipiv);
            return;
        }

        int w1 = Split(w), w2 = w - w1;
        double* right = a + (long)w1 * lda;

        // [A11; A21] = P1 [L11; L21] U11, then the same interchanges on [A12; A22], U12 = L11^-1 A12,
        // A22 -= L21 U12, and the LU of A22 whose interchanges go back onto L21.
        Getrf(m, w1, a, lda, ipiv, ws);
        Interchange(w2, right, lda, 0, w1, ipiv);
        SolveLowerUnit(w1, w2, a, lda, right, lda, ws);
        Gemm(m - w1, w2, w1, a + w1, lda, right, lda, right + w1, lda, ws);
        Getrf(m - w1, w2, right + w1, lda, ipiv + w1, ws);
        for (int i = w1; i < w; i++)
        {
            ipiv[i] += w1;
        }

        Interchange(w1, a, lda, w1, w, ipiv);
    }

    /// <summary>Unblocked LU of a narrow m x w panel (LAPACK's dgetf2): pivot search down each column, row swap
    /// across the panel, scaling by the pivot, rank-one update of the panel's columns to the right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FactorPanel(int m, int w, double* a, int lda, int* ipiv)
    {
        for (int j = 0; j < w; j++)
        {
            double* cj = a + (long)j * lda;
            int p = j;
            double best = Math.Abs(cj[j]);
            for (int i = j + 1; i < m; i++)
            {
                double v = Math.Abs(cj[i]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }

            ipiv[j] = p;
            double pivot = cj[p];

            // A zero pivot means the whole column below is zero: nothing to swap, scale or eliminate (LAPACK
            // records it in info and carries on).
            if (pivot == 0)
            {
                continue;
            }

            if (p != j)
            {
                for (int c = 0; c < w; c++)
                {
                    double* col = a + (long)c * lda;
                    (col[j], col[p]) = (col[p], col[j]);
                }
            }

            int below = m - j - 1;
            if (Math.Abs(pivot) >= SmallestNormal)
            {
                Scale(1 / pivot, cj + j + 1, below);
            }
            else
            {
                // 1 / pivot would overflow for a subnormal pivot: divide instead, as dgetf2 does.
                for (int i = j + 1; i < m; i++)
                {
                    cj[i] /= pivot;
                }
            }

            for (int c = j + 1; c < w; c++)
            {
                double* cc = a + (long)c * lda;
                double f = cc[j];
                if (f != 0)
                {
                    Axpy(-f, cj + j + 1, cc + j + 1, below);
                }
            }
        }
    }

    /// <summary>Applies the row interchanges ipiv[k1..k2) (0-based, in order) to <paramref name="cols"/> columns
    /// (LAPACK's dlaswp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interchange(int cols, double* a, int lda, int k1, int k2, int* ipiv)
    {
        // Four columns at a time: the pivot rows are scattered, and four independent cache misses per interchange
        // overlap where one column at a time waits for each.
        int c = 0;
        for (; c <= cols - 4; c += 4)
        {
            double* c0 = a + (long)c * lda, c1 = c0 + lda, c2 = c1 + lda, c3 = c2 + lda;
            for (int i = k1; i < k2; i++)
            {
                int p = ipiv[i];
                if (p != i)
                {
                    (c0[i], c0[p]) = (c0[p], c0[i]);
                    (c1[i], c1[p]) = (c1[p], c1[i]);
                    (c2[i], c2[p]) = (c2[p], c2[i]);
                    (c3[i], c3[p]) = (c3[p], c3[i]);
                }
            }
        }

        for (; c < cols; c++)
        {
            double* col = a + (long)c * lda;
            for (int i = k1; i < k2; i++)
            {
                int p = ipiv[i];
                if (p != i)
                {
                    (col[i], col[p]) = (col[p], col[i]);
                }
            }
        }
    }

    /// <summary>X := L^-1 X for unit lower triangular k x k L and k x r X (LAPACK's dtrsm, left, lower, no
    /// transpose, unit), recursive so that most of the work is <see cref="Gemm"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveLowerUnit(int k, int r, double* l, int ldl, double* x, int ldx, Workspace ws)
    {
        if (k <= TrsmBase)
        {
            for (int j = 0; j < r; j++)
            {
                double* xj = x + (long)j * ldx;
                for (int i = 0; i < k; i++)
                {
                    double xi = xj[i];
                    if (xi != 0)
                    {
                        double* li = l + (long)i * ldl;
                        for (int t = i + 1; t < k; t++)
                        {
                            xj[t] -= li[t] * xi;
                        }
                    }
                }
            }

            return;
        }

        int k1 = Split(k);
        SolveLowerUnit(k1, r, l, ldl, x, ldx, ws);
        Gemm(k - k1, r, k1, l + k1, ldl, x, ldx, x + k1, ldx, ws);
        SolveLowerUnit(k - k1, r, l + k1 + (long)k1 * ldl, ldl, x + k1, ldx, ws);
    }

    /// <summary>C -= A B for column-major m x k A, k x n B, m x n C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gemm(int m, int n, int k, double* a, int lda, double* b, int ldb, double* c, int ldc, Workspace ws)
    {
        if (m <= 0 || n <= 0 || k <= 0)
        {
            return;
        }

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                PackB(kc, nc, b + pc + (long)jc * ldb, ldb, ws.B);
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    PackA(mc, kc, a + ic + (long)pc * lda, lda, ws.A);
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int nr = Math.Min(NR, nc - jr);
                        double* pb = ws.B + (long)jr * kc;
                        double* cc = c + ic + (long)(jc + jr) * ldc;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int mr = Math.Min(MR, mc - ir);
                            double* pa = ws.A + (long)ir * kc;
                            if (mr == MR && nr == NR)
                            {
                                Tile(kc, pa, pb, cc + ir, ldc);
                            }
                            else
                            {
                                EdgeTile(kc, pa, pb, cc + ir, ldc, mr, nr);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs mc x kc of A as MR-row slivers, each stored k-major (MR consecutive values per k), zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(int mc, int kc, double* a, int lda, double* dst)
    {
        for (int i0 = 0; i0 < mc; i0 += MR)
        {
            int mr = Math.Min(MR, mc - i0);
            double* d = dst + (long)i0 * kc;
            double* src = a + i0;
            if (mr == MR && Vector256.IsHardwareAccelerated)
            {
                for (int p = 0; p < kc; p++, d += MR, src += lda)
                {
                    Vector256.Store(Vector256.Load(src), d);
                    Vector256.Store(Vector256.Load(src + 4), d + 4);
                }
            }
            else
            {
                for (int p = 0; p < kc; p++, d += MR, src += lda)
                {
                    for (int i = 0; i < MR; i++)
                    {
                        d[i] = i < mr ? src[i] : 0;
                    }
                }
            }
        }
    }

    /// <summary>Packs kc x nc of B as NR-column slivers, each stored k-major (NR consecutive values per k), zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(int kc, int nc, double* b, int ldb, double* dst)
    {
        for (int j0 = 0; j0 < nc; j0 += NR)
        {
            int nr = Math.Min(NR, nc - j0);
            double* d = dst + (long)j0 * kc;
            double* b0 = b + (long)j0 * ldb;
            if (nr == NR)
            {
                double* b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb, b4 = b3 + ldb, b5 = b4 + ldb;
                for (int p = 0; p < kc; p++, d += NR)
                {
                    d[0] = b0[p];
                    d[1] = b1[p];
                    d[2] = b2[p];
                    d[3] = b3[p];
                    d[4] = b4[p];
                    d[5] = b5[p];
                }
            }
            else
            {
                for (int p = 0; p < kc; p++, d += NR)
                {
                    for (int j = 0; j < NR; j++)
                    {
                        d[j] = j < nr ? b0[p + (long)j * ldb] : 0;
                    }
                }
            }
        }
    }

    /// <summary>An MR x NR tile on the edge of C: the full tile into a scratch tile, then only its valid part.</summary>
    private static void EdgeTile(int kc, double* pa, double* pb, double* c, int ldc, int mr, int nr)
    {
        double* t = stackalloc double[MR * NR];
        new Span<double>(t, MR * NR).Clear();
        Tile(kc, pa, pb, t, MR);
        for (int j = 0; j < nr; j++)
        {
            for (int i = 0; i < mr; i++)
            {
                c[i + (long)j * ldc] += t[i + j * MR];
            }
        }
    }

    /// <summary>C[0..MR, 0..NR] -= (packed A sliver) (packed B sliver) over kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(int kc, double* pa, double* pb, double* c, int ldc)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            ScalarTile(kc, pa, pb, c, ldc);
            return;
        }

        Vector256<double> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default, d4 = default, d5 = default;
        for (int p = 0; p < kc; p++, pa += MR, pb += NR)
        {
            var a0 = Vector256.Load(pa);
            var a1 = Vector256.Load(pa + 4);
            var b = Vector256.Create(pb[0]);
            c0 = Vector256.MultiplyAddEstimate(a0, b, c0);
            d0 = Vector256.MultiplyAddEstimate(a1, b, d0);
            b = Vector256.Create(pb[1]);
            c1 = Vector256.MultiplyAddEstimate(a0, b, c1);
            d1 = Vector256.MultiplyAddEstimate(a1, b, d1);
            b = Vector256.Create(pb[2]);
            c2 = Vector256.MultiplyAddEstimate(a0, b, c2);
            d2 = Vector256.MultiplyAddEstimate(a1, b, d2);
            b = Vector256.Create(pb[3]);
            c3 = Vector256.MultiplyAddEstimate(a0, b, c3);
            d3 = Vector256.MultiplyAddEstimate(a1, b, d3);
            b = Vector256.Create(pb[4]);
            c4 = Vector256.MultiplyAddEstimate(a0, b, c4);
            d4 = Vector256.MultiplyAddEstimate(a1, b, d4);
            b = Vector256.Create(pb[5]);
            c5 = Vector256.MultiplyAddEstimate(a0, b, c5);
            d5 = Vector256.MultiplyAddEstimate(a1, b, d5);
        }

        Subtract(c, c0, d0);
        Subtract(c + ldc, c1, d1);
        Subtract(c + 2L * ldc, c2, d2);
        Subtract(c + 3L * ldc, c3, d3);
        Subtract(c + 4L * ldc, c4, d4);
        Subtract(c + 5L * ldc, c5, d5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Subtract(double* c, Vector256<double> top, Vector256<double> bottom)
    {
        Vector256.Store(Vector256.Load(c) - top, c);
        Vector256.Store(Vector256.Load(c + 4) - bottom, c + 4);
    }

    private static void ScalarTile(int kc, double* pa, double* pb, double* c, int ldc)
    {
        double* acc = stackalloc double[MR * NR];
        new Span<double>(acc, MR * NR).Clear();
        for (int p = 0; p < kc; p++, pa += MR, pb += NR)
        {
            for (int j = 0; j < NR; j++)
            {
                double bj = pb[j];
                for (int i = 0; i < MR; i++)
                {
                    acc[i + j * MR] += pa[i] * bj;
                }
            }
        }

        for (int j = 0; j < NR; j++)
        {
            for (int i = 0; i < MR; i++)
            {
                c[i + (long)j * ldc] -= acc[i + j * MR];
            }
        }
    }

    /// <summary>x *= alpha over len values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(double alpha, double* x, int len)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(alpha);
            for (; i <= len - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector.Store(Vector.Load(x + i) * va, x + i);
            }
        }

        for (; i < len; i++)
        {
            x[i] *= alpha;
        }
    }

    /// <summary>y += alpha x over len values (the generated code's kernel, on raw pointers).</summary>
    internal static void Axpy(double alpha, double* x, double* y, int len) =>
        Generated.Kernels.Axpy(alpha, new ReadOnlySpan<double>(x, len), new Span<double>(y, len));

    /// <summary>Sum of x[i] y[i] over len values (the generated code's kernel, on raw pointers).</summary>
    internal static double Dot(double* x, double* y, int len) =>
        Generated.Kernels.Dot(new ReadOnlySpan<double>(x, len), new ReadOnlySpan<double>(y, len));
}
