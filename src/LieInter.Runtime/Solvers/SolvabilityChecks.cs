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
        ulong h = 14695981039346656037UL;
        foreach (double v in theta)
        {
            h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;
        }

        if (includeCoordinates)
        {
            foreach (double v in system.Coordinates)
            {
                h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;
            }
        }

        return (h ^ (ulong)theta.Length) * 1099511628211UL;
    }

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
        else
        {
            // A Lie intervention acts on the named matrix: the values the model sees are those of df/dx.
            subject = intervened ? $"df/dx (parameter '{d.Parameter}' under its Lie intervention)" : "the state Jacobian df/dx";
            r = SpectralRadius.Certify(AssembleJacobian(system, x), d.Bound);
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

    private static bool IsIntervened(EquilibriumSystem system, string parameter) =>
        system.Schema.Interventions.Any(i => i.Targets.Any(t => t.Name == parameter && t.Kind == InterventionTargetKind.Parameter));
}
