namespace LieInter.Solvers;

/// <summary>The evaluation of one declared solvability condition.</summary>
public sealed record SolvabilityCheck(SolvabilityDeclaration Declaration, bool Holds, double Value, string Description);

/// <summary>
/// Run-time checks done before solving: every parameter finite, and every condition the model declares with
/// <see cref="SolvabilityAttribute"/> (spectral radius of a matrix parameter or of Jx, a contraction bound on Jx, or
/// a user method). A failure throws <see cref="SolvabilityException"/> naming the condition and the value found.
/// </summary>
public static class SolvabilityChecks
{
    /// <summary>Throws when a parameter holds a NaN or an infinity, naming the parameter and the element.</summary>
    public static void CheckParameters(EquilibriumSystem system)
    {
        var layout = system.Layout;
        var theta = new double[layout.ParameterLength];
        system.Model.ReadParameters(theta);
        foreach (var p in layout.Parameters)
        {
            for (int k = 0; k < p.Length; k++)
            {
                double v = theta[p.Offset + k];
                if (!double.IsFinite(v))
                {
                    var shape = system.Schema.Parameters.First(s => s.Name == p.Name).Shape;
                    string where = shape switch
                    {
                        ParameterShape.Scalar => "",
                        ParameterShape.Matrix => MatrixIndex(system, p.Name, k),
                        ParameterShape.SparseMatrix => $" (stored value {k})",
                        _ => $"[{k}]",
                    };
                    throw new SolvabilityException($"Parameter '{p.Name}{where}' of model '{system.Schema.ModelName}' is {v}; parameters must be finite before solving.");
                }
            }
        }

        CheckCoordinates(system);
    }

    /// <summary>Throws when a Lie coordinate is NaN or infinite, naming the intervention.</summary>
    public static void CheckCoordinates(EquilibriumSystem system)
    {
        var layout = system.Layout;
        var u = system.Coordinates;
        for (int k = 0; k < u.Length; k++)
        {
            if (!double.IsFinite(u[k]))
            {
                var seg = layout.Interventions.First(s => k >= s.Offset && k < s.End);
                throw new SolvabilityException($"Coordinate {k - seg.Offset} of Lie intervention '{seg.Name}' of model '{system.Schema.ModelName}' is {u[k]}; coordinates must be finite.");
            }
        }
    }

    /// <summary>Whether a declared condition can change with the Lie coordinates: conditions on df/dx (contraction,
    /// spectral radius of the Jacobian, or of a matrix parameter a Lie intervention acts on) do; a spectral radius of
    /// a matrix parameter no intervention touches, and user methods (which see the model's fields), do not.</summary>
    public static bool DependsOnCoordinates(EquilibriumSystem system) =>
        system.Schema.Solvability.Any(d => d.Kind switch
        {
            SolvabilityKind.Contraction => true,
            SolvabilityKind.SpectralRadius => d.Parameter is not { } p || IsIntervened(system, p),
            _ => false,
        });

    /// <summary>A 64-bit FNV-1a fingerprint of theta, and of u when <paramref name="includeCoordinates"/> (NaN and
    /// infinities included), to recognise a parameter set already checked.</summary>
    public static ulong Fingerprint(EquilibriumSystem system, ref double[]? buffer, bool includeCoordinates = true)
    {
        int length = system.Layout.ParameterLength;
        if (buffer is null || buffer.Length != length)
        {
            buffer = new double[length];
        }

        var theta = buffer;
        system.Model.ReadParameters(theta);
        ulong h = FnvOffset;
        foreach (double v in theta)
        {
            h = Mix(h, v);
        }

        if (includeCoordinates)
        {
            foreach (double v in system.Coordinates)
            {
                h = Mix(h, v);
            }
        }

        return Mix(h, theta.Length);
    }

    private const ulong FnvOffset = 14695981039346656037UL;

    /// <summary>One FNV-1a step over the bits of <paramref name="v"/>.</summary>
    private static ulong Mix(ulong h, double v) => (h ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;

    /// <summary>Evaluates every declared condition at <paramref name="x"/> (used for Jacobian-based ones).</summary>
    public static IReadOnlyList<SolvabilityCheck> Evaluate(EquilibriumSystem system, ReadOnlySpan<double> x)
    {
        var results = new List<SolvabilityCheck>();
        foreach (var d in system.Schema.Solvability)
        {
            results.Add(d.Kind switch
            {
                SolvabilityKind.SpectralRadius => SpectralRadiusCheck(system, d, x),
                SolvabilityKind.Contraction => ContractionCheck(system, d, x),
                _ => CustomCheck(system, d),
            });
        }

        return results;
    }

    /// <summary>Evaluates the declared conditions and throws on the first that fails.</summary>
    public static IReadOnlyList<SolvabilityCheck> Require(EquilibriumSystem system, ReadOnlySpan<double> x)
    {
        CheckParameters(system);
        var results = Evaluate(system, x);
        foreach (var r in results)
        {
            if (!r.Holds)
            {
                throw new SolvabilityException($"Model '{system.Schema.ModelName}' declares a solvability condition that fails: {r.Description}. The equilibrium may not exist or be unique, so the solve was refused.");
            }
        }

        return results;
    }

    private static SolvabilityCheck SpectralRadiusCheck(EquilibriumSystem system, SolvabilityDeclaration d, ReadOnlySpan<double> x)
    {
        SpectralRadiusEstimate r;
        string subject;
        bool intervened = d.Parameter is { } p && IsIntervened(system, p);
        if (d.Parameter is { } name && !intervened)
        {
            subject = $"parameter '{name}'";
            r = system.Model.GetParameterValue(name) switch
            {
                double[,] dense => SpectralRadius.Certify(dense, d.Bound),
                SparseMatrix sparse => SpectralRadius.Certify(sparse, d.Bound),
                var other => throw new SolvabilityException($"[Solvability(SpectralRadius)] of model '{system.Schema.ModelName}' names '{name}', a {other.GetType().Name}, not a matrix."),
            };
        }
        else if (ScaledRowsBound(system, d) is { } scaled && scaled.Upper < d.Bound)
        {
            subject = $"parameter '{d.Parameter}' as the model sees it under its Lie interventions (diag(alpha) {d.Parameter})";
            r = scaled;
        }
        else
        {
            // A Lie intervention acts on the named matrix: the values the model sees are those of df/dx.
            subject = intervened ? $"parameter '{d.Parameter}' as the model sees it under its Lie interventions (df/dx)" : "the state Jacobian df/dx";
            r = d.Parameter is { } sparseName && system.Model.GetParameterValue(sparseName) is SparseMatrix
                ? SpectralRadius.Certify(AssembleSparseJacobian(system, x), d.Bound)
                : SpectralRadius.Certify(AssembleJacobian(system, x), d.Bound);
        }

        bool holds = r.Upper < d.Bound;
        bool tight = r.Upper - r.Lower <= 1e-8 * Math.Max(r.Upper, 1e-300);
        string value = tight ? $"{r.Upper:G6}" : holds ? $"at most {r.Upper:G6}" : $"between {r.Lower:G6} and {r.Upper:G6}";
        return new SolvabilityCheck(d, holds, r.Upper,
            $"spectral radius of {subject} is {value} ({(holds ? "<" : ">=")} bound {d.Bound:G6}; {r.Method})");
    }

    private static SolvabilityCheck ContractionCheck(EquilibriumSystem system, SolvabilityDeclaration d, ReadOnlySpan<double> x)
    {
        var j = AssembleJacobian(system, x);
        int n = j.GetLength(0);
        double inf = 0, one = 0;
        var colSums = new double[n];
        for (int i = 0; i < n; i++)
        {
            double rowSum = 0;
            for (int k = 0; k < n; k++)
            {
                rowSum += Math.Abs(j[i, k]);
                colSums[k] += Math.Abs(j[i, k]);
            }

            inf = Math.Max(inf, rowSum);
        }

        one = n == 0 ? 0 : colSums.Max();
        double norm = Math.Min(inf, one);
        bool holds = norm < d.Bound;
        return new SolvabilityCheck(d, holds, norm,
            $"contraction: min(||df/dx||_inf, ||df/dx||_1) at the starting point is {norm:G6} ({(holds ? "<" : ">=")} bound {d.Bound:G6})");
    }

    private static SolvabilityCheck CustomCheck(EquilibriumSystem system, SolvabilityDeclaration d)
    {
        bool holds = d.CustomCheck?.Invoke(system.Model) ?? throw new SolvabilityException($"Custom solvability method '{d.Method}' of model '{system.Schema.ModelName}' is not callable.");
        return new SolvabilityCheck(d, holds, holds ? 1 : 0, $"custom condition {d.Method}() returned {(holds ? "true" : "false")}");
    }

    internal static double[,] AssembleJacobian(EquilibriumSystem system, ReadOnlySpan<double> x)
    {
        int n = system.Dimension;
        var j = new double[n, n];
        var row = new double[n];
        for (int i = 0; i < n; i++)
        {
            system.JacobianRow(x, i, row);
            for (int k = 0; k < n; k++)
            {
                j[i, k] = row[k];
            }
        }

        return j;
    }

    private static string MatrixIndex(EquilibriumSystem system, string name, int k)
    {
        var a = (double[,])system.Model.GetParameterValue(name);
        int cols = a.GetLength(1);
        return $"[{k / cols}, {k % cols}]";
    }

    /// <summary>Whether a Lie intervention changes the values through which the model sees <paramref name="parameter"/>:
    /// one that acts on the parameter itself, or one that acts on the assignment of a node that reads it (a
    /// multiplicative x_i = alpha_i f_i(x) turns A into diag(alpha) A). A shift x_i = f_i(x) + s_i leaves df/dx alone.</summary>
    private static bool IsIntervened(EquilibriumSystem system, string parameter)
    {
        return system.Schema.Interventions.Any(i => i.Targets.Any(t =>
            Reaches(system, t, parameter) && (t.Kind == InterventionTargetKind.Parameter || i.GroupType != typeof(Shift))));
    }

    /// <summary>Whether target <paramref name="t"/> is <paramref name="parameter"/> itself or the assignment of a node
    /// that reads it.</summary>
    private static bool Reaches(EquilibriumSystem system, InterventionTargetSchema t, string parameter) =>
        t.Kind == InterventionTargetKind.Parameter
            ? t.Name == parameter
            : system.Schema.Graph.ParametersRead.TryGetValue(t.Name, out var read) && read.Contains(parameter);

    /// <summary>Positive vectors v with the ratios (|A| v)_i / v_i, per matrix, from power iteration on |A| + I.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, PerronCache> PerronRatios = new();

    private sealed record PerronCache(ulong Hash, double[] Ratios);

    private static ulong ContentHash(object matrix)
    {
        ulong h = FnvOffset;
        void Add(double v) => h = Mix(h, v);
        switch (matrix)
        {
            case double[,] a:
                foreach (double v in a)
                {
                    Add(v);
                }

                break;
            case SparseMatrix a:
                foreach (double v in a.Values)
                {
                    Add(v);
                }

                foreach (int c in a.ColumnIndices)
                {
                    Add(c);
                }

                break;
        }

        return h;
    }

    /// <summary>
    /// A cheap certified bound for the common case of a multiplicative intervention x_i = alpha_i f_i(x) on the one
    /// node whose assignment reads the matrix, one coordinate per row: the model sees diag(alpha) A, and for any
    /// positive v, rho(diag(alpha) A) &lt;= max_i alpha_i (|A| v)_i / v_i (Collatz-Wielandt). With v the Perron vector
    /// of |A|, computed once per matrix, each solve costs O(n) instead of assembling and bounding df/dx (which took
    /// 120 ms per solve at 411 sectors). Null when the case does not apply; the caller then checks df/dx.
    /// </summary>
    private static SpectralRadiusEstimate? ScaledRowsBound(EquilibriumSystem system, SolvabilityDeclaration d)
    {
        if (d.Parameter is not { } name)
        {
            return null;
        }

        var acting = system.Schema.Interventions.Where(i => i.Targets.Any(t => Reaches(system, t, name))).ToList();
        if (acting.Count != 1 || acting[0].GroupType != typeof(Multiplicative) || acting[0].Targets.Count != 1 || acting[0].Targets[0].Kind != InterventionTargetKind.NodeAssignment)
        {
            return null;
        }

        object matrix = system.Model.GetParameterValue(name);
        int rows = matrix switch { double[,] a => a.GetLength(0), SparseMatrix a => a.Rows, _ => -1 };
        var segment = system.Layout.Intervention(acting[0].Name);
        if (rows <= 0 || (segment.Length != rows && segment.Length != 1) || system.Layout.Node(acting[0].Targets[0].Name).Length != rows)
        {
            return null;
        }

        // Keyed by the matrix object and checked against its values, so that a matrix edited in place is redone.
        ulong hash = ContentHash(matrix);
        if (!PerronRatios.TryGetValue(matrix, out var cached) || cached.Hash != hash)
        {
            cached = new PerronCache(hash, PerronRatiosOf(matrix, rows));
            PerronRatios.AddOrUpdate(matrix, cached);
        }

        var ratios = cached.Ratios;

        var u = system.Coordinates.Slice(segment.Offset, segment.Length);
        double upper = 0;
        for (int i = 0; i < rows; i++)
        {
            upper = Math.Max(upper, Math.Exp(u[segment.Length == 1 ? 0 : i]) * ratios[i]);
        }

        return new SpectralRadiusEstimate(0, upper, "Collatz-Wielandt bound on diag(alpha) |A| from the Perron vector of |A|", 0);
    }

    /// <summary>(|A| v)_i / v_i for v from 200 steps of power iteration on |A| + I (v stays positive).</summary>
    private static double[] PerronRatiosOf(object matrix, int n)
    {
        var v = new double[n];
        var w = new double[n];
        Array.Fill(v, 1.0);
        void Apply(double[] x, double[] y)
        {
            switch (matrix)
            {
                case double[,] a:
                    for (int i = 0; i < n; i++)
                    {
                        double sum = 0;
                        for (int j = 0; j < n; j++)
                        {
                            sum += Math.Abs(a[i, j]) * x[j];
                        }

                        y[i] = sum;
                    }

                    break;
                case SparseMatrix a:
                    for (int i = 0; i < n; i++)
                    {
                        double sum = 0;
                        for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
                        {
                            sum += Math.Abs(a.Values[k]) * x[a.ColumnIndices[k]];
                        }

                        y[i] = sum;
                    }

                    break;
            }
        }

        for (int step = 0; step < 200; step++)
        {
            Apply(v, w);
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                w[i] += v[i];
                norm = Math.Max(norm, w[i]);
            }

            for (int i = 0; i < n; i++)
            {
                v[i] = w[i] / norm;
            }
        }

        Apply(v, w);
        var ratios = new double[n];
        for (int i = 0; i < n; i++)
        {
            ratios[i] = v[i] > 0 ? w[i] / v[i] : double.PositiveInfinity;
        }

        return ratios;
    }

    /// <summary>df/dx in compressed rows, for models whose matrix parameter is sparse (a dense copy at 10^4 sectors
    /// would take gigabytes).</summary>
    private static SparseMatrix AssembleSparseJacobian(EquilibriumSystem system, ReadOnlySpan<double> x)
    {
        int n = system.Dimension;
        var row = new double[n];
        var pointers = new int[n + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < n; i++)
        {
            system.JacobianRow(x, i, row);
            for (int k = 0; k < n; k++)
            {
                if (row[k] != 0)
                {
                    columns.Add(k);
                    values.Add(row[k]);
                }
            }

            pointers[i + 1] = columns.Count;
        }

        return new SparseMatrix(n, n, pointers, columns.ToArray(), values.ToArray());
    }
}
