using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LieInter.Generated;

/// <summary>
/// The inner products generated code calls where an assignment reduces a matrix row (or column, or CSR row)
/// against a vector node: <c>s += A[i, j] * X[j]</c> over j. One loop of the user's code becomes one call here, in
/// the primal, in the fused tangent (matrix read once for value and tangent) and in the adjoint (the VJP of a vector
/// node is then one transposed matrix-vector pass, row by row). SIMD with several accumulators, so that a row runs at
/// memory bandwidth instead of at the latency of one scalar add chain; ranges are checked once per call and give the
/// <see cref="IndexOutOfRangeException"/> the user's loop would have thrown.
/// </summary>
/// <remarks>A range with end &lt;= start is empty and never checked, as a for loop that runs zero times. Dense matrices are passed flattened (row-major, as .NET lays out <c>double[,]</c>) with their column
/// count, so the same kernels serve a parameter and its tangent or adjoint slice of theta.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Kernels
{
    /// <summary>The row-major storage of a dense matrix, without a copy.</summary>
    public static Span<double> Flat(double[,] a) =>
        a.Length == 0 ? Span<double>.Empty : MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(a)), a.Length);

    /// <summary>sum over j in [start, end) of a[row, j] x[j].</summary>
    public static double RowDot(ReadOnlySpan<double> a, int columns, int row, int start, int end, ReadOnlySpan<double> x)
    {
        if (end <= start)
        {
            return 0;
        }

        return Dot(Row(a, columns, row, start, end), x.Slice(start, end - start));
    }

    /// <summary>Both sum a[row, j] x[j] (returned in <paramref name="ax"/>) and sum a[row, j] dx[j] (returned), the
    /// row read once.</summary>
    public static double RowDot2(ReadOnlySpan<double> a, int columns, int row, int start, int end, ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double ax)
    {
        if (end <= start)
        {
            ax = 0;
            return 0;
        }

        return Dot2(Row(a, columns, row, start, end), x.Slice(start, end - start), dx.Slice(start, end - start), out ax);
    }

    /// <summary>y[j] += alpha a[row, j] for j in [start, end).</summary>
    public static void RowAxpy(double alpha, ReadOnlySpan<double> a, int columns, int row, int start, int end, Span<double> y)
    {
        if (end <= start)
        {
            return;
        }

        Axpy(alpha, Row(a, columns, row, start, end), y.Slice(start, end - start));
    }

    /// <summary>b[row, j] += alpha x[j] for j in [start, end): the adjoint of a row product with respect to the
    /// matrix.</summary>
    public static void RowOuter(double alpha, ReadOnlySpan<double> x, Span<double> b, int columns, int row, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        CheckRow(b.Length, columns, row, start, end);
        Axpy(alpha, x.Slice(start, end - start), b.Slice(row * columns + start, end - start));
    }

    /// <summary>sum over j in [start, end) of a[j, column] x[j] (a column of a row-major matrix: strided).</summary>
    public static double ColumnDot(ReadOnlySpan<double> a, int columns, int column, int start, int end, ReadOnlySpan<double> x)
    {
        if (end <= start)
        {
            return 0;
        }

        CheckColumn(a.Length, columns, column, start, end);
        x = x.Slice(start, end - start);
        ref double col = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), (nint)start * columns + column);
        double s0 = 0, s1 = 0;
        int n = x.Length, k = 0;
        for (; k + 1 < n; k += 2)
        {
            s0 += Unsafe.Add(ref col, (nint)k * columns) * x[k];
            s1 += Unsafe.Add(ref col, (nint)(k + 1) * columns) * x[k + 1];
        }

        if (k < n)
        {
            s0 += Unsafe.Add(ref col, (nint)k * columns) * x[k];
        }

        return s0 + s1;
    }

    /// <summary>y[j] += alpha a[j, column] for j in [start, end).</summary>
    public static void ColumnAxpy(double alpha, ReadOnlySpan<double> a, int columns, int column, int start, int end, Span<double> y)
    {
        if (end <= start)
        {
            return;
        }

        CheckColumn(a.Length, columns, column, start, end);
        y = y.Slice(start, end - start);
        ref double col = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), (nint)start * columns + column);
        for (int k = 0; k < y.Length; k++)
        {
            y[k] += alpha * Unsafe.Add(ref col, (nint)k * columns);
        }
    }

    /// <summary>b[j, column] += alpha x[j] for j in [start, end).</summary>
    public static void ColumnOuter(double alpha, ReadOnlySpan<double> x, Span<double> b, int columns, int column, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        CheckColumn(b.Length, columns, column, start, end);
        x = x.Slice(start, end - start);
        ref double col = ref Unsafe.Add(ref MemoryMarshal.GetReference(b), (nint)start * columns + column);
        for (int k = 0; k < x.Length; k++)
        {
            Unsafe.Add(ref col, (nint)k * columns) += alpha * x[k];
        }
    }

    /// <summary>sum over k in [start, end) of values[k] x[columnIndices[k]] (one CSR row).</summary>
    public static double SparseDot(ReadOnlySpan<double> values, ReadOnlySpan<int> columnIndices, int start, int end, ReadOnlySpan<double> x)
    {
        if (end <= start)
        {
            return 0;
        }

        var v = values.Slice(start, end - start);
        var c = columnIndices.Slice(start, v.Length);
        double s0 = 0, s1 = 0;
        int k = 0;
        for (; k + 1 < v.Length; k += 2)
        {
            s0 += v[k] * x[c[k]];
            s1 += v[k + 1] * x[c[k + 1]];
        }

        if (k < v.Length)
        {
            s0 += v[k] * x[c[k]];
        }

        return s0 + s1;
    }

    /// <summary>Both sum values[k] x[c[k]] (in <paramref name="ax"/>) and sum values[k] dx[c[k]] (returned).</summary>
    public static double SparseDot2(ReadOnlySpan<double> values, ReadOnlySpan<int> columnIndices, int start, int end, ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double ax)
    {
        if (end <= start)
        {
            ax = 0;
            return 0;
        }

        var v = values.Slice(start, end - start);
        var c = columnIndices.Slice(start, v.Length);
        double s0 = 0, d0 = 0, s1 = 0, d1 = 0;
        int k = 0;
        for (; k + 1 < v.Length; k += 2)
        {
            int j0 = c[k], j1 = c[k + 1];
            s0 += v[k] * x[j0];
            d0 += v[k] * dx[j0];
            s1 += v[k + 1] * x[j1];
            d1 += v[k + 1] * dx[j1];
        }

        if (k < v.Length)
        {
            s0 += v[k] * x[c[k]];
            d0 += v[k] * dx[c[k]];
        }

        ax = s0 + s1;
        return d0 + d1;
    }

    /// <summary>y[columnIndices[k]] += alpha values[k] for k in [start, end): the transposed CSR row.</summary>
    public static void SparseScatter(double alpha, ReadOnlySpan<double> values, ReadOnlySpan<int> columnIndices, int start, int end, Span<double> y)
    {
        if (end <= start)
        {
            return;
        }

        var v = values.Slice(start, end - start);
        var c = columnIndices.Slice(start, v.Length);
        for (int k = 0; k < v.Length; k++)
        {
            y[c[k]] += alpha * v[k];
        }
    }

    /// <summary>b[k] += alpha x[columnIndices[k]] for k in [start, end): the adjoint with respect to the stored values.</summary>
    public static void SparseGather(double alpha, ReadOnlySpan<int> columnIndices, int start, int end, ReadOnlySpan<double> x, Span<double> b)
    {
        if (end <= start)
        {
            return;
        }

        var c = columnIndices.Slice(start, end - start);
        var o = b.Slice(start, c.Length);
        for (int k = 0; k < c.Length; k++)
        {
            o[k] += alpha * x[c[k]];
        }
    }

    /// <summary>ax[i] = sum over j in [start, end) of a[i, j] x[j] for every row i &lt; rows: the whole product,
    /// four rows at a time so that x is loaded once per four rows and four streams keep memory busy (a single row
    /// stream reached 70 % of the bandwidth at 4,000 sectors, four reach it all).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowDots(ReadOnlySpan<double> a, int columns, int rows, int start, int end, ReadOnlySpan<double> x, Span<double> ax)
    {
        ax = ax.Slice(0, rows);
        if (end <= start || rows == 0)
        {
            ax.Clear();
            return;
        }

        CheckRow(a.Length, columns, rows - 1, start, end);
        int len = end - start;
        x = x.Slice(start, len);
        int i = 0;
        for (; i + 3 < rows; i += 4)
        {
            Dot4(a.Slice(i * columns + start), columns, x, ax.Slice(i, 4));
        }

        for (; i < rows; i++)
        {
            ax[i] = Dot(a.Slice(i * columns + start, len), x);
        }
    }

    /// <summary>ax = A x and adx = A dx over the column range, both from one pass over A, four rows at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowDots2(ReadOnlySpan<double> a, int columns, int rows, int start, int end, ReadOnlySpan<double> x, ReadOnlySpan<double> dx, Span<double> ax, Span<double> adx)
    {
        ax = ax.Slice(0, rows);
        adx = adx.Slice(0, rows);
        if (end <= start || rows == 0)
        {
            ax.Clear();
            adx.Clear();
            return;
        }

        CheckRow(a.Length, columns, rows - 1, start, end);
        int len = end - start;
        x = x.Slice(start, len);
        dx = dx.Slice(start, len);
        int i = 0;
        for (; i + 3 < rows; i += 4)
        {
            Dot4x2(a.Slice(i * columns + start), columns, x, dx, ax.Slice(i, 4), adx.Slice(i, 4));
        }

        for (; i + 1 < rows; i += 2)
        {
            Dot2x2(a.Slice(i * columns + start), columns, x, dx, ax.Slice(i, 2), adx.Slice(i, 2));
        }

        for (; i < rows; i++)
        {
            adx[i] = Dot2(a.Slice(i * columns + start, len), x, dx, out ax[i]);
        }
    }

    /// <summary>y[j] += sum over rows i of c[i] a[i, j], j in [start, end): the transposed product, four rows per
    /// pass over y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowsAxpy(ReadOnlySpan<double> a, int columns, int rows, int start, int end, ReadOnlySpan<double> c, Span<double> y)
    {
        if (end <= start || rows == 0)
        {
            return;
        }

        CheckRow(a.Length, columns, rows - 1, start, end);
        int len = end - start;
        c = c.Slice(0, rows);
        y = y.Slice(start, len);
        int i = 0;
        for (; i + 3 < rows; i += 4)
        {
            if (c[i] == 0 && c[i + 1] == 0 && c[i + 2] == 0 && c[i + 3] == 0)
            {
                continue;
            }

            Axpy4(a.Slice(i * columns + start), columns, c.Slice(i, 4), y);
        }

        for (; i < rows; i++)
        {
            if (c[i] != 0)
            {
                Axpy(c[i], a.Slice(i * columns + start, len), y);
            }
        }
    }

    /// <summary>ax[i] = sum over the CSR row i of values[k] x[columnIndices[k]] for every row i &lt; rows: the whole
    /// sparse product in one call (no call per element).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CsrRowDots(ReadOnlySpan<double> values, ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columnIndices, int rows, ReadOnlySpan<double> x, Span<double> ax)
    {
        CheckCsrRows(rowPointers.Length, rows);
        ax = ax.Slice(0, rows);
        for (int i = 0; i < rows; i++)
        {
            ax[i] = SparseDot(values, columnIndices, rowPointers[i], rowPointers[i + 1], x);
        }
    }

    /// <summary>ax = A x and adx = A dx for a CSR matrix, one pass over its values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CsrRowDots2(ReadOnlySpan<double> values, ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columnIndices, int rows, ReadOnlySpan<double> x, ReadOnlySpan<double> dx, Span<double> ax, Span<double> adx)
    {
        CheckCsrRows(rowPointers.Length, rows);
        ax = ax.Slice(0, rows);
        adx = adx.Slice(0, rows);
        for (int i = 0; i < rows; i++)
        {
            adx[i] = SparseDot2(values, columnIndices, rowPointers[i], rowPointers[i + 1], x, dx, out ax[i]);
        }
    }

    /// <summary>y[columnIndices[k]] += c[i] values[k] over every CSR row i &lt; rows: the transposed sparse product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CsrRowsScatter(ReadOnlySpan<double> values, ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columnIndices, int rows, ReadOnlySpan<double> c, Span<double> y)
    {
        CheckCsrRows(rowPointers.Length, rows);
        c = c.Slice(0, rows);
        for (int i = 0; i < rows; i++)
        {
            if (c[i] != 0)
            {
                SparseScatter(c[i], values, columnIndices, rowPointers[i], rowPointers[i + 1], y);
            }
        }
    }

    private static void CheckCsrRows(int pointers, int rows)
    {
        if (rows < 0 || pointers < rows + 1)
        {
            throw new IndexOutOfRangeException($"{rows} rows need {rows + 1} row pointers; the matrix has {pointers}.");
        }
    }

    private static void Dot4(ReadOnlySpan<double> a, int stride, ReadOnlySpan<double> x, Span<double> result)
    {
        int n = x.Length, i = 0, w = Vector<double>.Count;
        _ = a[3 * stride + n - 1];
        ref double r0 = ref MemoryMarshal.GetReference(a);
        ref double r1 = ref Unsafe.Add(ref r0, stride);
        ref double r2 = ref Unsafe.Add(ref r0, 2 * stride);
        ref double r3 = ref Unsafe.Add(ref r0, 3 * stride);
        ref double rx = ref MemoryMarshal.GetReference(x);
        double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i <= n - w; i += w)
            {
                var xv = Vector.LoadUnsafe(ref rx, (nuint)i);
                s0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref r0, (nuint)i), xv, s0);
                s1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref r1, (nuint)i), xv, s1);
                s2 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref r2, (nuint)i), xv, s2);
                s3 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref r3, (nuint)i), xv, s3);
            }

            d0 = Vector.Sum(s0);
            d1 = Vector.Sum(s1);
            d2 = Vector.Sum(s2);
            d3 = Vector.Sum(s3);
        }

        for (; i < n; i++)
        {
            double xi = Unsafe.Add(ref rx, i);
            d0 += Unsafe.Add(ref r0, i) * xi;
            d1 += Unsafe.Add(ref r1, i) * xi;
            d2 += Unsafe.Add(ref r2, i) * xi;
            d3 += Unsafe.Add(ref r3, i) * xi;
        }

        result[0] = d0;
        result[1] = d1;
        result[2] = d2;
        result[3] = d3;
    }

    private static void Dot4x2(ReadOnlySpan<double> a, int stride, ReadOnlySpan<double> x, ReadOnlySpan<double> dx, Span<double> ax, Span<double> adx)
    {
        int n = x.Length, i = 0, w = Vector<double>.Count;
        _ = a[3 * stride + n - 1];
        ref double r0 = ref MemoryMarshal.GetReference(a);
        ref double r1 = ref Unsafe.Add(ref r0, stride);
        ref double r2 = ref Unsafe.Add(ref r0, 2 * stride);
        ref double r3 = ref Unsafe.Add(ref r0, 3 * stride);
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double rd = ref MemoryMarshal.GetReference(dx);
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
            for (; i <= n - w; i += w)
            {
                var xv = Vector.LoadUnsafe(ref rx, (nuint)i);
                var dv = Vector.LoadUnsafe(ref rd, (nuint)i);
                var a0 = Vector.LoadUnsafe(ref r0, (nuint)i);
                s0 = Vector.MultiplyAddEstimate(a0, xv, s0);
                t0 = Vector.MultiplyAddEstimate(a0, dv, t0);
                var a1 = Vector.LoadUnsafe(ref r1, (nuint)i);
                s1 = Vector.MultiplyAddEstimate(a1, xv, s1);
                t1 = Vector.MultiplyAddEstimate(a1, dv, t1);
                var a2 = Vector.LoadUnsafe(ref r2, (nuint)i);
                s2 = Vector.MultiplyAddEstimate(a2, xv, s2);
                t2 = Vector.MultiplyAddEstimate(a2, dv, t2);
                var a3 = Vector.LoadUnsafe(ref r3, (nuint)i);
                s3 = Vector.MultiplyAddEstimate(a3, xv, s3);
                t3 = Vector.MultiplyAddEstimate(a3, dv, t3);
            }

            p0 = Vector.Sum(s0);
            p1 = Vector.Sum(s1);
            p2 = Vector.Sum(s2);
            p3 = Vector.Sum(s3);
            q0 = Vector.Sum(t0);
            q1 = Vector.Sum(t1);
            q2 = Vector.Sum(t2);
            q3 = Vector.Sum(t3);
        }

        for (; i < n; i++)
        {
            double xi = Unsafe.Add(ref rx, i), di = Unsafe.Add(ref rd, i);
            double a0 = Unsafe.Add(ref r0, i), a1 = Unsafe.Add(ref r1, i), a2 = Unsafe.Add(ref r2, i), a3 = Unsafe.Add(ref r3, i);
            p0 += a0 * xi;
            p1 += a1 * xi;
            p2 += a2 * xi;
            p3 += a3 * xi;
            q0 += a0 * di;
            q1 += a1 * di;
            q2 += a2 * di;
            q3 += a3 * di;
        }

        ax[0] = p0;
        ax[1] = p1;
        ax[2] = p2;
        ax[3] = p3;
        adx[0] = q0;
        adx[1] = q1;
        adx[2] = q2;
        adx[3] = q3;
    }

    private static void Dot2x2(ReadOnlySpan<double> a, int stride, ReadOnlySpan<double> x, ReadOnlySpan<double> dx, Span<double> ax, Span<double> adx)
    {
        int n = x.Length, i = 0, w = Vector<double>.Count;
        _ = a[stride + n - 1];
        ref double r0 = ref MemoryMarshal.GetReference(a);
        ref double r1 = ref Unsafe.Add(ref r0, stride);
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double rd = ref MemoryMarshal.GetReference(dx);
        double p0 = 0, p1 = 0, q0 = 0, q1 = 0;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, t0 = s0, t1 = s0;
            for (; i <= n - w; i += w)
            {
                var xv = Vector.LoadUnsafe(ref rx, (nuint)i);
                var dv = Vector.LoadUnsafe(ref rd, (nuint)i);
                var a0 = Vector.LoadUnsafe(ref r0, (nuint)i);
                var a1 = Vector.LoadUnsafe(ref r1, (nuint)i);
                s0 = Vector.MultiplyAddEstimate(a0, xv, s0);
                s1 = Vector.MultiplyAddEstimate(a1, xv, s1);
                t0 = Vector.MultiplyAddEstimate(a0, dv, t0);
                t1 = Vector.MultiplyAddEstimate(a1, dv, t1);
            }

            p0 = Vector.Sum(s0);
            p1 = Vector.Sum(s1);
            q0 = Vector.Sum(t0);
            q1 = Vector.Sum(t1);
        }

        for (; i < n; i++)
        {
            double xi = Unsafe.Add(ref rx, i), di = Unsafe.Add(ref rd, i);
            double a0 = Unsafe.Add(ref r0, i), a1 = Unsafe.Add(ref r1, i);
            p0 += a0 * xi;
            p1 += a1 * xi;
            q0 += a0 * di;
            q1 += a1 * di;
        }

        ax[0] = p0;
        ax[1] = p1;
        adx[0] = q0;
        adx[1] = q1;
    }

    private static void Axpy4(ReadOnlySpan<double> a, int stride, ReadOnlySpan<double> c, Span<double> y)
    {
        int n = y.Length, i = 0, w = Vector<double>.Count;
        _ = a[3 * stride + n - 1];
        ref double r0 = ref MemoryMarshal.GetReference(a);
        ref double r1 = ref Unsafe.Add(ref r0, stride);
        ref double r2 = ref Unsafe.Add(ref r0, 2 * stride);
        ref double r3 = ref Unsafe.Add(ref r0, 3 * stride);
        ref double ry = ref MemoryMarshal.GetReference(y);
        double c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            Vector<double> v0 = new(c0), v1 = new(c1), v2 = new(c2), v3 = new(c3);
            for (; i <= n - w; i += w)
            {
                var acc = Vector.LoadUnsafe(ref ry, (nuint)i);
                acc = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref r0, (nuint)i), v0, acc);
                acc = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref r1, (nuint)i), v1, acc);
                acc = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref r2, (nuint)i), v2, acc);
                acc = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref r3, (nuint)i), v3, acc);
                acc.StoreUnsafe(ref ry, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ry, i) += c0 * Unsafe.Add(ref r0, i) + c1 * Unsafe.Add(ref r1, i) + c2 * Unsafe.Add(ref r2, i) + c3 * Unsafe.Add(ref r3, i);
        }
    }

    /// <summary>Inner product of two equally long spans, four SIMD accumulators.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Dot<IdentityMap>(a, b);

    /// <summary>sum map(a_i) b_i: one loop for the plain product and for the products with |A| that bound a spectral
    /// radius. The JIT compiles one copy per map, so the map costs nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Dot<TMap>(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        where TMap : struct, IEntryMap
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Spans of different lengths ({a.Length} and {b.Length}).");
        }

        int n = a.Length, i = 0, w = Vector<double>.Count;
        double s = 0;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rb = ref MemoryMarshal.GetReference(b);
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                s0 = Vector.MultiplyAddEstimate(TMap.Map(Vector.LoadUnsafe(ref ra, (nuint)i)), Vector.LoadUnsafe(ref rb, (nuint)i), s0);
                s1 = Vector.MultiplyAddEstimate(TMap.Map(Vector.LoadUnsafe(ref ra, (nuint)(i + w))), Vector.LoadUnsafe(ref rb, (nuint)(i + w)), s1);
                s2 = Vector.MultiplyAddEstimate(TMap.Map(Vector.LoadUnsafe(ref ra, (nuint)(i + 2 * w))), Vector.LoadUnsafe(ref rb, (nuint)(i + 2 * w)), s2);
                s3 = Vector.MultiplyAddEstimate(TMap.Map(Vector.LoadUnsafe(ref ra, (nuint)(i + 3 * w))), Vector.LoadUnsafe(ref rb, (nuint)(i + 3 * w)), s3);
            }

            for (; i <= n - w; i += w)
            {
                s0 = Vector.MultiplyAddEstimate(TMap.Map(Vector.LoadUnsafe(ref ra, (nuint)i)), Vector.LoadUnsafe(ref rb, (nuint)i), s0);
            }

            s = Vector.Sum((s0 + s1) + (s2 + s3));
        }

        for (; i < n; i++)
        {
            s += TMap.Map(a[i]) * b[i];
        }

        return s;
    }

    /// <summary>sum a[i] x[i] (in <paramref name="ax"/>) and sum a[i] dx[i] (returned), <paramref name="a"/> read once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot2(ReadOnlySpan<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> dx, out double ax)
    {
        if (a.Length != x.Length || a.Length != dx.Length)
        {
            throw new ArgumentException($"Spans of different lengths ({a.Length}, {x.Length} and {dx.Length}).");
        }

        int n = a.Length, i = 0, w = Vector<double>.Count;
        double s = 0, d = 0;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double rd = ref MemoryMarshal.GetReference(dx);
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, d0 = s0, d1 = s0;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                var a0 = Vector.LoadUnsafe(ref ra, (nuint)i);
                var a1 = Vector.LoadUnsafe(ref ra, (nuint)(i + w));
                s0 = Vector.MultiplyAddEstimate(a0, Vector.LoadUnsafe(ref rx, (nuint)i), s0);
                s1 = Vector.MultiplyAddEstimate(a1, Vector.LoadUnsafe(ref rx, (nuint)(i + w)), s1);
                d0 = Vector.MultiplyAddEstimate(a0, Vector.LoadUnsafe(ref rd, (nuint)i), d0);
                d1 = Vector.MultiplyAddEstimate(a1, Vector.LoadUnsafe(ref rd, (nuint)(i + w)), d1);
            }

            for (; i <= n - w; i += w)
            {
                var a0 = Vector.LoadUnsafe(ref ra, (nuint)i);
                s0 = Vector.MultiplyAddEstimate(a0, Vector.LoadUnsafe(ref rx, (nuint)i), s0);
                d0 = Vector.MultiplyAddEstimate(a0, Vector.LoadUnsafe(ref rd, (nuint)i), d0);
            }

            s = Vector.Sum(s0 + s1);
            d = Vector.Sum(d0 + d1);
        }

        for (; i < n; i++)
        {
            s += a[i] * x[i];
            d += a[i] * dx[i];
        }

        ax = s;
        return d;
    }

    /// <summary>y += alpha x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y) => Axpy<IdentityMap>(alpha, x, y);

    /// <summary>y += alpha map(x), one copy per map as for <see cref="Dot{TMap}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Axpy<TMap>(double alpha, ReadOnlySpan<double> x, Span<double> y)
        where TMap : struct, IEntryMap
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Spans of different lengths ({x.Length} and {y.Length}).");
        }

        int n = x.Length, i = 0, w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double ry = ref MemoryMarshal.GetReference(y);
            var va = new Vector<double>(alpha);
            for (; i <= n - 2 * w; i += 2 * w)
            {
                Vector.MultiplyAddEstimate(va, TMap.Map(Vector.LoadUnsafe(ref rx, (nuint)i)), Vector.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
                Vector.MultiplyAddEstimate(va, TMap.Map(Vector.LoadUnsafe(ref rx, (nuint)(i + w))), Vector.LoadUnsafe(ref ry, (nuint)(i + w))).StoreUnsafe(ref ry, (nuint)(i + w));
            }

            for (; i <= n - w; i += w)
            {
                Vector.MultiplyAddEstimate(va, TMap.Map(Vector.LoadUnsafe(ref rx, (nuint)i)), Vector.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            y[i] += alpha * TMap.Map(x[i]);
        }
    }

    private static ReadOnlySpan<double> Row(ReadOnlySpan<double> a, int columns, int row, int start, int end)
    {
        CheckRow(a.Length, columns, row, start, end);
        return a.Slice(row * columns + start, end - start);
    }

    private static void CheckRow(int length, int columns, int row, int start, int end)
    {
        if (start < 0 || end < start || end > columns || row < 0 || (long)row * columns + end > length)
        {
            throw new IndexOutOfRangeException($"Row {row}, columns {start}..{end - 1} are outside a matrix of {columns} columns and {length} entries.");
        }
    }

    private static void CheckColumn(int length, int columns, int column, int start, int end)
    {
        if (column < 0 || column >= columns || start < 0 || end < start || (long)(end - 1) * columns + column >= length && end > start)
        {
            throw new IndexOutOfRangeException($"Column {column}, rows {start}..{end - 1} are outside a matrix of {columns} columns and {length} entries.");
        }
    }
}
