using LieInter.Equilibrium;
using LieInter.LinearAlgebra;
using LieInter.Modeling;

namespace LieInter.Solvers;

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
        // Scan the storage in place; only a non-finite value pays for the copy that locates it.
        bool finite = true;
        foreach (var p in system.Schema.Parameters)
        {
            finite &= system.Model.GetParameterValue(p.Name) switch
            {
                double v => double.IsFinite(v),
                double[] v => Vec.AllFinite(v),
                double[,] v => Vec.AllFinite(Generated.Kernels.Flat(v)),
                SparseMatrix v => Vec.AllFinite(v.Values),
                _ => false,
            };
        }

        if (finite)
        {
            CheckCoordinates(system);
            return;
        }

        var theta = new double[system.Layout.ParameterLength];
        system.Model.ReadParameters(theta);
        CheckParameters(system, theta);
    }

    /// <summary><see cref="CheckParameters(EquilibriumSystem)"/> on parameters already read into <paramref name="theta"/>.</summary>
    private static void CheckParameters(EquilibriumSystem system, ReadOnlySpan<double> theta)
    {
        var layout = system.Layout;
        if (theta.Length != layout.ParameterLength)
        {
            throw new ArgumentException($"theta has {theta.Length} entries but model '{system.Schema.ModelName}' has {layout.ParameterLength} parameters.", nameof(theta));
        }

        if (Vec.AllFinite(theta))
        {
            CheckCoordinates(system);
            return;
        }

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
                    throw new InputNotFiniteException($"Parameter '{p.Name}{where}' of model '{system.Schema.ModelName}' is {v}; parameters must be finite before solving.");
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
                throw new InputNotFiniteException($"Coordinate {k - seg.Offset} of Lie intervention '{seg.Name}' of model '{system.Schema.ModelName}' is {u[k]}; coordinates must be finite.");
            }
        }
    }

    private delegate bool ExpProbe(ReadOnlySpan<double> u);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (int Dimension, ExpProbe IsFinite)> Probes = new();

    /// <summary>Throws <see cref="LieCoordinateOverflowException"/> when a finite coordinate block gives a group
    /// element that is not finite (e^800 for a multiplicative intervention), naming the intervention and element:
    /// left alone it shows up later only as a NaN iterate.</summary>
    public static void CheckGroupElements(EquilibriumSystem system)
    {
        var u = system.Coordinates;
        if (u.IsEmpty || !u.ContainsAnyExcept(0.0))
        {
            return;
        }

        var interventions = system.Schema.Interventions;
        for (int iv = 0; iv < interventions.Count; iv++)
        {
            var probe = Probes.GetOrAdd(interventions[iv].GroupType, static t =>
            {
                var ops = typeof(Generated.LieGroupOps<>).MakeGenericType(t);
                return ((int)ops.GetProperty(nameof(Generated.LieGroupOps<Multiplicative>.Dimension))!.GetValue(null)!,
                    ops.GetMethod(nameof(Generated.LieGroupOps<Multiplicative>.ExpIsFinite))!.CreateDelegate<ExpProbe>());
            });
            var seg = system.Layout.Interventions[iv];
            for (int k = 0; k + probe.Dimension <= seg.Length; k += probe.Dimension)
            {
                var block = u.Slice(seg.Offset + k, probe.Dimension);
                if (!probe.IsFinite(block))
                {
                    string values = string.Join(", ", block.ToArray().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
                    throw new LieCoordinateOverflowException($"Lie intervention '{seg.Name}' of model '{system.Schema.ModelName}': Exp(u) overflows at element {k / probe.Dimension} (coordinates {k}..{k + probe.Dimension - 1} = {values}); keep the coordinates where the group element is finite.");
                }
            }
        }
    }

    /// <summary>Throws when a state-sized input (warm start, adjoint seed, tangent) holds NaN or an infinity, naming
    /// the node element: "the warm start X[2] of model 'M' is NaN".</summary>
    public static void CheckState(EquilibriumSystem system, ReadOnlySpan<double> v, string what)
    {
        if (Vec.AllFinite(v))
        {
            return;
        }

        int k = 0;
        while (double.IsFinite(v[k]))
        {
            k++;
        }

        var (node, element) = system.Layout.NodeAt(k);
        string name = $"{node}[{element}]";
        throw new InputNotFiniteException($"The {what} of model '{system.Schema.ModelName}' is {v[k]} at {name} (entry {k}); it must be finite.");
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

    /// <summary>A 64-bit fingerprint of the parameters, and of u when <paramref name="includeCoordinates"/> (NaN and
    /// infinities included), to recognise a parameter set already checked. Reads each parameter's storage in place
    /// (no copy of theta) with a SIMD checksum: it runs on every solve, so it must cost about one product, not the
    /// copy and a chain of dependent multiplies (which took longer than the solve at 1,000 sectors).</summary>
    public static ulong Fingerprint(EquilibriumSystem system, bool includeCoordinates = true)
    {
        ulong h = FnvOffset;
        foreach (var p in system.Schema.Parameters)
        {
            h = Mix(h, (ulong)p.Name.Length);
            switch (system.Model.GetParameterValue(p.Name))
            {
                case double v:
                    h = Mix(h, v);
                    break;
                case double[] v:
                    h = Mix(Mix(h, Checksum(v)), (ulong)v.Length);
                    break;
                case double[,] v:
                    h = Mix(Mix(Mix(h, Checksum(Generated.Kernels.Flat(v))), (ulong)v.GetLength(0)), (ulong)v.GetLength(1));
                    break;
                case SparseMatrix v:
                    h = Mix(Mix(h, Checksum(v.Values)), Checksum(System.Runtime.InteropServices.MemoryMarshal.Cast<int, double>(v.ColumnIndices.AsSpan(0, v.ColumnIndices.Length & ~1))));
                    h = Mix(Mix(h, (ulong)v.Rows), (ulong)v.NonZeroCount);
                    break;
                case var other:
                    h = Mix(h, (ulong)System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(other));
                    break;
            }
        }

        if (includeCoordinates)
        {
            h = Mix(h, Checksum(system.Coordinates));
        }

        return h;
    }

    /// <summary>Fletcher-style sums over the bit patterns (s1 += v, s2 += s1 per SIMD lane): any single change and any
    /// reordering changes them; bandwidth-bound, unlike a multiply chain. Four quarters are read at once (four memory
    /// streams, as the blocked matrix kernels do): one stream left half the bandwidth unused.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static ulong Checksum(ReadOnlySpan<double> values)
    {
        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(values);
        int w = System.Numerics.Vector<ulong>.Count, done = 0;
        ulong h = FnvOffset;
        int quarter = bits.Length / (4 * w) * w;
        if (System.Numerics.Vector.IsHardwareAccelerated && quarter > 0)
        {
            ref ulong q0 = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bits);
            ref ulong q1 = ref System.Runtime.CompilerServices.Unsafe.Add(ref q0, quarter);
            ref ulong q2 = ref System.Runtime.CompilerServices.Unsafe.Add(ref q0, 2 * quarter);
            ref ulong q3 = ref System.Runtime.CompilerServices.Unsafe.Add(ref q0, 3 * quarter);
            System.Numerics.Vector<ulong> a1 = default, a2 = default, b1 = default, b2 = default, c1 = default, c2 = default, d1 = default, d2 = default;
            for (int i = 0; i < quarter; i += w)
            {
                a1 += System.Numerics.Vector.LoadUnsafe(ref q0, (nuint)i);
                a2 += a1;
                b1 += System.Numerics.Vector.LoadUnsafe(ref q1, (nuint)i);
                b2 += b1;
                c1 += System.Numerics.Vector.LoadUnsafe(ref q2, (nuint)i);
                c2 += c1;
                d1 += System.Numerics.Vector.LoadUnsafe(ref q3, (nuint)i);
                d2 += d1;
            }

            for (int k = 0; k < w; k++)
            {
                // Chained, never Mix(b1, b2): (b1 ^ b2) * p is 0 whenever the two sums agree (one pass makes them
                // equal), which hid every change in three quarters of a short array.
                h = Mix(Mix(Mix(Mix(Mix(Mix(Mix(Mix(h, a1[k]), a2[k]), b1[k]), b2[k]), c1[k]), c2[k]), d1[k]), d2[k]);
            }

            done = 4 * quarter;
        }

        for (int i = done; i < bits.Length; i++)
        {
            h = Mix(h, bits[i]);
        }

        return Mix(h, (ulong)values.Length);
    }

    private const ulong FnvOffset = 14695981039346656037UL;

    /// <summary>One FNV-1a step over the bits of <paramref name="v"/>.</summary>
    private static ulong Mix(ulong h, double v) => Mix(h, (ulong)BitConverter.DoubleToInt64Bits(v));

    private static ulong Mix(ulong h, ulong bits) => (h ^ bits) * 1099511628211UL;

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

    /// <summary>Power sweeps a full check may spend on a test-vector certificate before the general bounds.</summary>
    private const int FullCheckSweeps = 50;

    /// <summary>
    /// Certifies every declared condition at the price of a few products, or says it cannot: true when each is a
    /// spectral radius of a matrix parameter that <see cref="TestVectorBound"/> certifies from a cached vector, the
    /// state <paramref name="x"/> or at most <paramref name="sweeps"/> power sweeps. False means "not cheaply": the
    /// caller runs <see cref="Require"/> (it never means the condition fails). Parameters are checked finite first
    /// unless <paramref name="checkParameters"/> is false (the caller checked them for this parameter set already).
    /// </summary>
    public static bool TryCertifyCheaply(EquilibriumSystem system, ReadOnlySpan<double> x, int sweeps, bool checkParameters = true)
    {
        if (checkParameters)
        {
            CheckParameters(system);
        }

        foreach (var d in system.Schema.Solvability)
        {
            if (TestVectorBound(system, d, x, sweeps) is not { } r || !(r.Upper < d.Bound))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every declared condition is a spectral radius of a matrix parameter, so that the solution
    /// itself can serve as the certificate after the solve (see <see cref="TryCertifyCheaply"/>).</summary>
    public static bool CanCertifyFromSolution(EquilibriumSystem system) =>
        system.Schema.Solvability.All(d => d.Kind == SolvabilityKind.SpectralRadius && d.Parameter is not null);

    private static SolvabilityCheck SpectralRadiusCheck(EquilibriumSystem system, SolvabilityDeclaration d, ReadOnlySpan<double> x)
    {
        SpectralRadiusEstimate r;
        string subject;
        bool intervened = d.Parameter is { } p && IsIntervened(system, p);
        if (d.Parameter is { } name && !intervened)
        {
            subject = $"parameter '{name}'";
            r = TestVectorBound(system, d, x, FullCheckSweeps) is { } quick && quick.Upper < d.Bound ? quick : system.Model.GetParameterValue(name) switch
            {
                double[,] dense => SpectralRadius.Certify(dense, d.Bound),
                SparseMatrix sparse => SpectralRadius.Certify(sparse, d.Bound),
                var other => throw new SolvabilityException($"[Solvability(SpectralRadius)] of model '{system.Schema.ModelName}' names '{name}', a {other.GetType().Name}, not a matrix."),
            };
        }
        else if (intervened && TestVectorBound(system, d, x, FullCheckSweeps) is { } scaled && scaled.Upper < d.Bound)
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

    /// <summary>The last test vector that certified each matrix (keyed by the matrix object): the next check starts
    /// from it. A certificate is always recomputed against the matrix's current values, so a matrix edited in place
    /// costs no staleness, only a few more sweeps.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, double[]> TestVectors = new();

    /// <summary>
    /// Collatz-Wielandt certificate for a spectral-radius declaration on a matrix parameter A, as the model sees it:
    /// A itself, or diag(alpha) A under a multiplicative intervention x_i = alpha_i f_i(x) on the node that reads A.
    /// For any positive v, rho(diag(alpha) A) &lt;= max_i alpha_i (|A| v)_i / v_i, and (when A is not scaled) also
    /// max_j (|A|^T v)_j / v_j. The test vectors tried, in order: the one that certified this matrix last, the state
    /// (a converged Leontief solution x* = A x* + y with y &gt; 0 certifies at once: (A x*)_i / x*_i = 1 - y_i / x*_i),
    /// then up to <paramref name="sweeps"/> power sweeps on |A| + I, each one product, stopping as soon as the bound
    /// holds. Null when the declaration is not of this kind.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static SpectralRadiusEstimate? TestVectorBound(EquilibriumSystem system, SolvabilityDeclaration d, ReadOnlySpan<double> x, int sweeps)
    {
        if (d.Kind != SolvabilityKind.SpectralRadius || d.Parameter is not { } name)
        {
            return null;
        }

        object matrix = system.Model.GetParameterValue(name);
        int n = matrix switch
        {
            double[,] a when a.GetLength(0) == a.GetLength(1) => a.GetLength(0),
            SparseMatrix a when a.Rows == a.Columns => a.Rows,
            _ => -1,
        };
        if (n <= 0)
        {
            return null;
        }

        double[]? scale = null;
        if (IsIntervened(system, name) && (scale = RowScale(system, name, n)) is null)
        {
            return null;
        }

        var product = new AbsoluteProduct(matrix, n, scale);
        var v = new double[n];
        double best = double.PositiveInfinity;
        string? source = null;

        bool Try(ReadOnlySpan<double> candidate, string from)
        {
            double top = 0;
            foreach (double c in candidate)
            {
                top = Math.Max(top, Math.Abs(c));
            }

            if (!(top > 0) || !double.IsFinite(top))
            {
                return false;
            }

            // Any positive vector gives a valid bound; the floor keeps products away from denormals.
            for (int i = 0; i < n; i++)
            {
                v[i] = Math.Max(Math.Abs(candidate[i]) / top, VectorFloor);
            }

            double ub = Math.Min(product.RightBound(v), scale is null ? product.LeftBound(v) : double.PositiveInfinity);
            best = Math.Min(best, ub);
            if (ub < d.Bound)
            {
                source = from;
                return true;
            }

            return false;
        }

        bool certified = TestVectors.TryGetValue(matrix, out var cached) && cached.Length == n && Try(cached, "the test vector that certified it last");
        var hint = StateHint(system, name, n, x);
        certified = certified || (!hint.IsEmpty && Try(hint, "the state"));
        int used = 0;
        if (!certified)
        {
            // Power sweeps from the better start; each product gives the bound for v and the next v.
            if (double.IsInfinity(best))
            {
                Array.Fill(v, 1.0);
            }

            var w = new double[n];
            for (; used < sweeps && !certified; used++)
            {
                product.Apply(v, w);
                double ratio = 0, top = 0;
                for (int i = 0; i < n; i++)
                {
                    ratio = Math.Max(ratio, w[i] / v[i]);
                    top = Math.Max(top, w[i] + v[i]);
                }

                best = Math.Min(best, Inflate(ratio, n));
                if (Inflate(ratio, n) < d.Bound)
                {
                    certified = true;
                    source = $"{used + 1} power sweep{(used == 0 ? "" : "s")}";
                    break;
                }

                for (int i = 0; i < n; i++)
                {
                    v[i] = Math.Max((w[i] + v[i]) / top, VectorFloor);
                }
            }
        }

        if (certified)
        {
            TestVectors.AddOrUpdate(matrix, (double[])v.Clone());
        }

        string what = scale is null ? "|A|" : "diag(alpha) |A|";
        return new SpectralRadiusEstimate(0, best, certified ? $"Collatz-Wielandt bound on {what} from {source}" : $"Collatz-Wielandt bound on {what}, inconclusive after {used} power sweeps", used);
    }

    /// <summary>Rounding of an n-term product cannot move the bound by more than this (keeps the certificate rigorous).</summary>
    private static double Inflate(double bound, int n) => bound * (1 + 4.0 * (n + 2) * UnitRoundoff);

    private const double UnitRoundoff = 1.1102230246251565e-16;

    private const double VectorFloor = 1e-30;

    /// <summary>alpha_i = exp(u_i) when the only intervention reaching the matrix is a multiplicative one on the node
    /// assignment that reads it, one coordinate per row (or one shared); null otherwise.</summary>
    private static double[]? RowScale(EquilibriumSystem system, string name, int n)
    {
        var acting = system.Schema.Interventions.Where(i => i.Targets.Any(t => Reaches(system, t, name))).ToList();
        if (acting.Count != 1 || acting[0].GroupType != typeof(Multiplicative) || acting[0].Targets.Count != 1 || acting[0].Targets[0].Kind != InterventionTargetKind.NodeAssignment)
        {
            return null;
        }

        var segment = system.Layout.Intervention(acting[0].Name);
        if ((segment.Length != n && segment.Length != 1) || system.Layout.Node(acting[0].Targets[0].Name).Length != n)
        {
            return null;
        }

        var u = system.Coordinates.Slice(segment.Offset, segment.Length);
        var scale = new double[n];
        for (int i = 0; i < n; i++)
        {
            scale[i] = Math.Exp(u[segment.Length == 1 ? 0 : i]);
        }

        return scale;
    }

    /// <summary>The state of the one vector node of length n whose assignment reads the matrix (its rows), or empty.</summary>
    private static ReadOnlySpan<double> StateHint(EquilibriumSystem system, string name, int n, ReadOnlySpan<double> x)
    {
        var readers = system.Schema.Graph.ParametersRead.Where(kv => kv.Value.Contains(name)).Select(kv => kv.Key).ToList();
        if (readers.Count != 1 || x.Length != system.Dimension)
        {
            return default;
        }

        var node = system.Layout.Node(readers[0]);
        return node.Length == n ? x.Slice(node.Offset, n) : default;
    }

    /// <summary>Products with |A| (optionally scaled by rows, diag(s) |A|) for Collatz-Wielandt bounds.</summary>
    private sealed class AbsoluteProduct(object matrix, int n, double[]? scale)
    {
        /// <summary>w = diag(s) |A| v.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Apply(ReadOnlySpan<double> v, Span<double> w)
        {
            switch (matrix)
            {
                case double[,] a:
                    var flat = Generated.Kernels.Flat(a);
                    for (int i = 0; i < n; i++)
                    {
                        w[i] = Generated.Kernels.Dot<Generated.AbsoluteMap>(flat.Slice(i * n, n), v);
                    }

                    break;
                case SparseMatrix a:
                    for (int i = 0; i < n; i++)
                    {
                        double sum = 0;
                        for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
                        {
                            sum += Math.Abs(a.Values[k]) * v[a.ColumnIndices[k]];
                        }

                        w[i] = sum;
                    }

                    break;
            }

            if (scale is not null)
            {
                for (int i = 0; i < n; i++)
                {
                    w[i] *= scale[i];
                }
            }
        }

        /// <summary>max_i (diag(s) |A| v)_i / v_i, inflated for rounding.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public double RightBound(ReadOnlySpan<double> v)
        {
            var w = new double[n];
            Apply(v, w);
            double ratio = 0;
            for (int i = 0; i < n; i++)
            {
                ratio = Math.Max(ratio, w[i] / v[i]);
            }

            return Inflate(ratio, n);
        }

        /// <summary>max_j (|A|^T v)_j / v_j (unscaled matrices), inflated for rounding.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public double LeftBound(ReadOnlySpan<double> v)
        {
            var t = new double[n];
            switch (matrix)
            {
                case double[,] a:
                    var flat = Generated.Kernels.Flat(a);
                    for (int i = 0; i < n; i++)
                    {
                        Generated.Kernels.Axpy<Generated.AbsoluteMap>(v[i], flat.Slice(i * n, n), t);
                    }

                    break;
                case SparseMatrix a:
                    for (int i = 0; i < n; i++)
                    {
                        for (int k = a.RowPointers[i]; k < a.RowPointers[i + 1]; k++)
                        {
                            t[a.ColumnIndices[k]] += Math.Abs(a.Values[k]) * v[i];
                        }
                    }

                    break;
            }

            double ratio = 0;
            for (int j = 0; j < n; j++)
            {
                ratio = Math.Max(ratio, t[j] / v[j]);
            }

            return Inflate(ratio, n);
        }
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
