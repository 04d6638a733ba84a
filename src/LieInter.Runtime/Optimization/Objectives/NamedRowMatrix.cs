namespace LieInter.Optimization;

/// <summary>
/// A matrix whose rows are selected by name, such as a stressor (satellite) matrix R whose rows are
/// "Employment", "CO2", ... and whose columns are sectors. Objective pieces read rows by name, never by number.
/// </summary>
public sealed class NamedRowMatrix
{
    private readonly Dictionary<string, int> _index;
    private readonly SparseMatrix _matrix;

    public NamedRowMatrix(IReadOnlyList<string> rowNames, SparseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(rowNames);
        ArgumentNullException.ThrowIfNull(matrix);
        if (rowNames.Count != matrix.Rows)
        {
            throw new ArgumentException($"{rowNames.Count} row names were given for a matrix with {matrix.Rows} rows.", nameof(rowNames));
        }

        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rowNames.Count; i++)
        {
            string name = rowNames[i] ?? throw new ArgumentException($"Row name {i} is null.", nameof(rowNames));
            if (!_index.TryAdd(name, i))
            {
                throw new ArgumentException($"Row name '{name}' appears twice (rows {_index[name]} and {i}).", nameof(rowNames));
            }
        }

        RowNames = rowNames.ToArray();
        _matrix = matrix;
    }

    public NamedRowMatrix(IReadOnlyList<string> rowNames, double[,] matrix)
        : this(rowNames, SparseMatrix.FromDense(matrix))
    {
    }

    public IReadOnlyList<string> RowNames { get; }

    public int Columns => _matrix.Columns;

    public SparseMatrix Matrix => _matrix;

    public bool Contains(string rowName) => _index.ContainsKey(rowName);

    /// <summary>The row named <paramref name="rowName"/> as a dense vector.</summary>
    public double[] Row(string rowName)
    {
        int r = IndexOf(rowName);
        var row = new double[_matrix.Columns];
        for (int k = _matrix.RowPointers[r]; k < _matrix.RowPointers[r + 1]; k++)
        {
            row[_matrix.ColumnIndices[k]] = _matrix.Values[k];
        }

        return row;
    }

    /// <summary>sum_name weight_name * row(name), for example GHG = CO2 + 28 CH4 + 265 N2O with explicit GWP factors.</summary>
    public double[] WeightedRowSum(IEnumerable<KeyValuePair<string, double>> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = new double[_matrix.Columns];
        bool any = false;
        foreach (var (name, weight) in weights)
        {
            if (!double.IsFinite(weight))
            {
                throw new ArgumentException($"The weight of row '{name}' is {weight}, not a finite number.", nameof(weights));
            }

            int r = IndexOf(name);
            for (int k = _matrix.RowPointers[r]; k < _matrix.RowPointers[r + 1]; k++)
            {
                sum[_matrix.ColumnIndices[k]] += weight * _matrix.Values[k];
            }

            any = true;
        }

        if (!any)
        {
            throw new ArgumentException("No rows were selected.", nameof(weights));
        }

        return sum;
    }

    private int IndexOf(string rowName)
    {
        ArgumentNullException.ThrowIfNull(rowName);
        if (_index.TryGetValue(rowName, out int r))
        {
            return r;
        }

        throw new KeyNotFoundException($"No row named '{rowName}'. Available rows: {string.Join(", ", RowNames.Take(20).Select(n => $"'{n}'"))}{(RowNames.Count > 20 ? $", ... ({RowNames.Count} in all)" : string.Empty)}.");
    }
}
