namespace LieInter;

/// <summary>
/// A sparse matrix in compressed sparse row (CSR) form. The structure (<see cref="RowPointers"/>,
/// <see cref="ColumnIndices"/>) is fixed; the stored <see cref="Values"/> may be changed in place and are what a
/// <see cref="ParameterAttribute"/> of this type exposes to differentiation.
/// </summary>
/// <remarks>Assignments read it as <c>for (int k = A.RowPointers[i]; k &lt; A.RowPointers[i + 1]; k++) s += A.Values[k] * X[A.ColumnIndices[k]];</c>.</remarks>
public sealed class SparseMatrix
{
    public SparseMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, double[] values)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rows < 0 || columns < 0)
        {
            throw new ArgumentException($"Sparse matrix dimensions must be nonnegative, got {rows} x {columns}.");
        }

        if (rowPointers.Length != rows + 1)
        {
            throw new ArgumentException($"RowPointers must have rows + 1 = {rows + 1} entries, got {rowPointers.Length}.", nameof(rowPointers));
        }

        if (rowPointers[0] != 0 || rowPointers[rows] != columnIndices.Length || columnIndices.Length != values.Length)
        {
            throw new ArgumentException($"Inconsistent CSR arrays: RowPointers[0] = {rowPointers[0]}, RowPointers[rows] = {rowPointers[rows]}, {columnIndices.Length} column indices, {values.Length} values.");
        }

        for (int i = 0; i < rows; i++)
        {
            if (rowPointers[i + 1] < rowPointers[i])
            {
                throw new ArgumentException($"RowPointers must be nondecreasing; row {i} has {rowPointers[i]} > {rowPointers[i + 1]}.", nameof(rowPointers));
            }

            for (int k = rowPointers[i]; k < rowPointers[i + 1]; k++)
            {
                int c = columnIndices[k];
                if (c < 0 || c >= columns)
                {
                    throw new ArgumentException($"Column index {c} at row {i} is outside 0..{columns - 1}.", nameof(columnIndices));
                }

                if (k > rowPointers[i] && columnIndices[k - 1] >= c)
                {
                    throw new ArgumentException($"Column indices of row {i} must be strictly increasing (found {columnIndices[k - 1]} then {c}).", nameof(columnIndices));
                }
            }
        }

        Rows = rows;
        Columns = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    public int Rows { get; }

    public int Columns { get; }

    public int[] RowPointers { get; }

    public int[] ColumnIndices { get; }

    public double[] Values { get; }

    public int NonZeroCount => Values.Length;

    /// <summary>Builds a CSR matrix from (row, column, value) triplets; duplicates are summed.</summary>
    public static SparseMatrix FromTriplets(int rows, int columns, IEnumerable<(int Row, int Column, double Value)> triplets)
    {
        var perRow = new SortedDictionary<int, double>[rows];
        foreach (var (r, c, v) in triplets)
        {
            if (r < 0 || r >= rows || c < 0 || c >= columns)
            {
                throw new ArgumentException($"Triplet ({r}, {c}) is outside a {rows} x {columns} matrix.", nameof(triplets));
            }

            var row = perRow[r] ??= new SortedDictionary<int, double>();
            row[c] = row.TryGetValue(c, out double old) ? old + v : v;
        }

        var ptr = new int[rows + 1];
        for (int i = 0; i < rows; i++)
        {
            ptr[i + 1] = ptr[i] + (perRow[i]?.Count ?? 0);
        }

        var cols = new int[ptr[rows]];
        var vals = new double[ptr[rows]];
        for (int i = 0; i < rows; i++)
        {
            if (perRow[i] is null)
            {
                continue;
            }

            int k = ptr[i];
            foreach (var (c, v) in perRow[i])
            {
                cols[k] = c;
                vals[k] = v;
                k++;
            }
        }

        return new SparseMatrix(rows, columns, ptr, cols, vals);
    }

    /// <summary>Keeps the entries of a dense matrix whose absolute value exceeds <paramref name="dropTolerance"/>.</summary>
    public static SparseMatrix FromDense(double[,] dense, double dropTolerance = 0.0)
    {
        ArgumentNullException.ThrowIfNull(dense);
        int rows = dense.GetLength(0);
        int columns = dense.GetLength(1);
        var list = new List<(int, int, double)>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                if (Math.Abs(dense[i, j]) > dropTolerance)
                {
                    list.Add((i, j, dense[i, j]));
                }
            }
        }

        return FromTriplets(rows, columns, list);
    }

    public double this[int row, int column]
    {
        get
        {
            int lo = RowPointers[row];
            int hi = RowPointers[row + 1];
            int k = Array.BinarySearch(ColumnIndices, lo, hi - lo, column);
            return k >= 0 ? Values[k] : 0.0;
        }
    }

    /// <summary>y = A x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        CheckLengths(x.Length, Columns, y.Length, Rows);
        Generated.Kernels.CsrRowDots(Values, RowPointers, ColumnIndices, Rows, x, y);
    }

    /// <summary>y = A^T x.</summary>
    public void MultiplyTransposed(ReadOnlySpan<double> x, Span<double> y)
    {
        CheckLengths(x.Length, Rows, y.Length, Columns);
        y.Clear();
        Generated.Kernels.CsrRowsScatter(Values, RowPointers, ColumnIndices, Rows, x, y);
    }

    public SparseMatrix Transpose()
    {
        var list = new List<(int, int, double)>(NonZeroCount);
        for (int i = 0; i < Rows; i++)
        {
            for (int k = RowPointers[i]; k < RowPointers[i + 1]; k++)
            {
                list.Add((ColumnIndices[k], i, Values[k]));
            }
        }

        return FromTriplets(Columns, Rows, list);
    }

    public double[,] ToDense()
    {
        var d = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
        {
            for (int k = RowPointers[i]; k < RowPointers[i + 1]; k++)
            {
                d[i, ColumnIndices[k]] = Values[k];
            }
        }

        return d;
    }

    /// <summary>A copy with the same structure and copied values.</summary>
    public SparseMatrix Clone() => new(Rows, Columns, RowPointers, ColumnIndices, (double[])Values.Clone());

    private static void CheckLengths(int xLength, int xExpected, int yLength, int yExpected)
    {
        if (xLength != xExpected || yLength != yExpected)
        {
            throw new ArgumentException($"Dimension mismatch: input has {xLength} entries (expected {xExpected}), output {yLength} (expected {yExpected}).");
        }
    }
}
