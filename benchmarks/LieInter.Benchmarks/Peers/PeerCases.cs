using System.Text.Json;
using LieInter.Economics;

namespace LieInter.Benchmarks.Peers;

/// <summary>One benchmark case: x = A x + y with a dense or CSR matrix A, final demand y and cost vector c.</summary>
internal sealed class PeerCase
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public double[,]? Dense { get; init; }

    public SparseMatrix? Sparse { get; init; }

    public required double[] Y { get; init; }

    public required double[] C { get; init; }

    /// <summary>Whether the kernels table measures f, JVP and VJP on this case.</summary>
    public bool Kernels { get; init; }

    public int N => Y.Length;

    public bool IsSparse => Sparse is not null;

    /// <summary>Bytes of the matrix as stored: 8 n^2 dense; 12 nnz + 4 (n + 1) for CSR (values, column indices,
    /// row pointers), the traffic of one product.</summary>
    public long MatrixBytes => Sparse is { } s ? (12L * s.NonZeroCount) + (4L * (N + 1)) : 8L * N * N;

    /// <summary>Writes case.json, y.npy, c.npy and A.npy (or A_indptr.npy, A_indices.npy, A_data.npy) once.</summary>
    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.GetFiles(folder, "*.npy"))
        {
            File.Delete(stale);
        }

        Npy.Write(Path.Combine(folder, "y.npy"), Y, N);
        Npy.Write(Path.Combine(folder, "c.npy"), C, N);
        if (Sparse is { } s)
        {
            Npy.Write(Path.Combine(folder, "A_indptr.npy"), s.RowPointers, s.RowPointers.Length);
            Npy.Write(Path.Combine(folder, "A_indices.npy"), s.ColumnIndices, s.ColumnIndices.Length);
            Npy.Write(Path.Combine(folder, "A_data.npy"), s.Values, s.Values.Length);
        }
        else
        {
            Npy.Write(Path.Combine(folder, "A.npy"), Dense!);
        }

        File.WriteAllText(Path.Combine(folder, "case.json"), JsonSerializer.Serialize(new
        {
            name = Name,
            description = Description,
            n = N,
            sparse = IsSparse,
            nnz = Sparse?.NonZeroCount ?? (long)N * N,
        }));
    }
}

/// <summary>The cases of the peer benchmark, built with fixed seeds.</summary>
internal static class PeerCases
{
    public static readonly string[] Names =
    [
        "wiod-fra-2014", "useeio-2.0.1", "dense-200-rho0.9", "dense-1000-rho0.9", "dense-4000-rho0.9",
        "dense-1000-rho0.99", "blocks-1000-rho0.99", "sparse-9800",
    ];

    public static PeerCase Build(string name) => name switch
    {
        "wiod-fra-2014" => Table(name, "WIOD 2016 release, France 2014 (derived CSVs in data/), y = total final demand",
            WiodDerivedCountry.Load(Path.Combine(DataRoot.Resolve(), "wiod2016", "derived"), "FRA").Table(2014)),
        "useeio-2.0.1" => Table(name, "USEEIO v2.0.1 (411 sectors, data/), y = 2012 US production demand (complete)",
            UseeioModel.Load(Path.Combine(DataRoot.Resolve(), "useeio", "USEEIOv2.0.1-411"))),
        "dense-200-rho0.9" => DenseRandom(name, 200, 0.9, 11),
        "dense-1000-rho0.9" => DenseRandom(name, 1000, 0.9, 12, kernels: true),
        "dense-4000-rho0.9" => DenseRandom(name, 4000, 0.9, 13, kernels: true),
        "dense-1000-rho0.99" => DenseRandom(name, 1000, 0.99, 14),
        "blocks-1000-rho0.99" => Blocks(name, 1000, 10, 0.99, 15),
        "sparse-9800" => SparseBlocks(name, 49, 200, 0.025, 0.9, 16),
        _ => throw new ArgumentException($"unknown case '{name}'; cases: {string.Join(", ", Names)}"),
    };

    private static PeerCase Table(string name, string description, InputOutputTable table)
    {
        var a = table.TechnicalCoefficientsArray();
        var r = new Random(1);
        return new PeerCase
        {
            Name = name,
            Description = description,
            Dense = a,
            Y = table.FinalDemand.ToArray(),
            C = Enumerable.Range(0, a.GetLength(0)).Select(_ => 1 + r.NextDouble()).ToArray(),
        };
    }

    /// <summary>Uniform [0, 1) entries scaled so that the Perron root is exactly <paramref name="rho"/> (to 1e-13).</summary>
    private static PeerCase DenseRandom(string name, int n, double rho, int seed, bool kernels = false)
    {
        var r = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = r.NextDouble();
            }
        }

        ScaleToPerronRoot(a, rho);
        return WithVectors(name, $"dense random nonnegative, n = {n}, Perron root {rho}", r, a, null, kernels);
    }

    /// <summary>IO-shaped blocks: <paramref name="blocks"/> regions, dense uniform coupling within a region, 1e-3 of
    /// it between regions, so the regional Perron modes nearly coincide and |lambda2| / rho is close to 1.</summary>
    private static PeerCase Blocks(string name, int n, int blocks, double rho, int seed)
    {
        var r = new Random(seed);
        int size = n / blocks;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = r.NextDouble() * (i / size == j / size ? 1.0 : 1e-3);
            }
        }

        ScaleToPerronRoot(a, rho);
        return WithVectors(name, $"{blocks} regional blocks of {size}, between-block coupling 1e-3, Perron root {rho}", r, a, null, false);
    }

    /// <summary>IO-shaped sparse CSR like a multi-regional table: <paramref name="regions"/> x <paramref name="sectors"/>,
    /// each row half dense within its region and the rest of <paramref name="density"/> n entries spread over the
    /// other regions at 1/20 the size.</summary>
    private static PeerCase SparseBlocks(string name, int regions, int sectors, double density, double rho, int seed)
    {
        var r = new Random(seed);
        int n = regions * sectors;
        int perRow = (int)Math.Round(density * n);
        var rowPointers = new int[n + 1];
        var columns = new List<int>(n * perRow);
        var values = new List<double>(n * perRow);
        var row = new SortedDictionary<int, double>();
        for (int i = 0; i < n; i++)
        {
            row.Clear();
            int block = i / sectors;
            for (int j = block * sectors; j < (block + 1) * sectors; j++)
            {
                if (r.NextDouble() < 0.5)
                {
                    row[j] = r.NextDouble();
                }
            }

            int outside = Math.Max(0, perRow - row.Count);
            while (outside > 0)
            {
                int j = r.Next(n);
                if (j / sectors != block && !row.ContainsKey(j))
                {
                    row[j] = 0.05 * r.NextDouble();
                    outside--;
                }
            }

            foreach (var (j, v) in row)
            {
                columns.Add(j);
                values.Add(v);
            }

            rowPointers[i + 1] = columns.Count;
        }

        var a = new SparseMatrix(n, n, rowPointers, columns.ToArray(), values.ToArray());
        double perron = PerronRoot(n, (v, w) => a.Multiply(v, w));
        for (int k = 0; k < a.Values.Length; k++)
        {
            a.Values[k] *= rho / perron;
        }

        return WithVectors(name, $"sparse CSR, {regions} regions x {sectors} sectors, {100.0 * a.NonZeroCount / ((double)n * n):F2} % dense, Perron root {rho}", r, null, a, true);
    }

    private static PeerCase WithVectors(string name, string description, Random r, double[,]? dense, SparseMatrix? sparse, bool kernels)
    {
        int n = dense?.GetLength(0) ?? sparse!.Rows;
        var y = Enumerable.Range(0, n).Select(_ => 1 + r.NextDouble()).ToArray();
        var c = Enumerable.Range(0, n).Select(_ => 1 + r.NextDouble()).ToArray();
        return new PeerCase { Name = name, Description = description, Dense = dense, Sparse = sparse, Y = y, C = c, Kernels = kernels };
    }

    private static void ScaleToPerronRoot(double[,] a, double rho)
    {
        int n = a.GetLength(0);
        double perron = PerronRoot(n, (v, w) =>
        {
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < n; j++)
                {
                    s += a[i, j] * v[j];
                }

                w[i] = s;
            }
        });
        double scale = rho / perron;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] *= scale;
            }
        }
    }

    /// <summary>Perron root of a nonnegative irreducible matrix by power iteration, stopped when the Collatz-Wielandt
    /// bounds min_i (Av)_i / v_i &lt;= rho &lt;= max_i (Av)_i / v_i agree to 1e-13 relative.</summary>
    private static double PerronRoot(int n, Action<double[], double[]> multiply)
    {
        var v = Enumerable.Repeat(1.0, n).ToArray();
        var w = new double[n];
        for (int it = 0; it < 200_000; it++)
        {
            multiply(v, w);
            double lo = double.PositiveInfinity, hi = 0, norm = 0;
            for (int i = 0; i < n; i++)
            {
                double q = w[i] / v[i];
                lo = Math.Min(lo, q);
                hi = Math.Max(hi, q);
                norm = Math.Max(norm, w[i]);
            }

            if (hi - lo <= 1e-13 * hi)
            {
                return 0.5 * (lo + hi);
            }

            for (int i = 0; i < n; i++)
            {
                v[i] = w[i] / norm;
            }
        }

        throw new InvalidOperationException("The Perron root did not converge in 200,000 power iterations.");
    }
}
