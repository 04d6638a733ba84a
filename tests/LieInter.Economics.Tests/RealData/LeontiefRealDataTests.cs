using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Models;
using LieInter.Solvers;
using Xunit.Abstractions;

namespace LieInter.Tests.RealData;

/// <summary>
/// The generated Leontief quantity model on every shipped real table: the default solve policy against a MathNet LU
/// solve, and the implicit gradient of the emissions c^T x* with respect to the multiplicative intervention on every
/// sector (x_i = e^{u_i} (A x + y)_i) against the exact adjoint formula dL/du_i = lambda_i x*_i,
/// lambda = (I - A)^-T c, and against central finite differences.
/// </summary>
[Collection(RealDataCollection.Name)]
public class LeontiefRealDataTests
{
    private const double SolutionTolerance = 1e-10;
    private const double GradientTolerance = 1e-8;
    private const double FiniteDifferenceTolerance = 1e-6;

    private readonly RealDataFixture _data;
    private readonly ITestOutputHelper _output;

    public LeontiefRealDataTests(RealDataFixture data, ITestOutputHelper output)
    {
        _data = data;
        _output = output;
    }

    public static TheoryData<string> Useeio => new() { "v2.0.1", "v1.2" };

    [Fact]
    public void DefaultPolicyMatchesLuOnEveryWiodCountryYear()
    {
        Assert.Equal(75, _data.Wiod.Count);
        double worst = 0, worstIterative = 0;
        foreach (var t in _data.Wiod)
        {
            double error = SolveError(t, EquilibriumSolverOptions.Default, out var report);
            Assert.True(error <= SolutionTolerance, $"{t}: ||x - x_LU|| / ||x_LU|| = {error:E2} ({report})");
            worst = Math.Max(worst, error);

            // The iterative path too (the policy factorises models this small): Anderson from the cold start.
            double iterative = SolveError(t, EquilibriumSolverOptions.Default with { DirectPreferredBelow = 0 }, out var iterativeReport);
            Assert.StartsWith("Anderson", iterativeReport.Solver);
            Assert.True(iterative <= SolutionTolerance, $"{t} (Anderson): ||x - x_LU|| / ||x_LU|| = {iterative:E2} ({iterativeReport})");
            worstIterative = Math.Max(worstIterative, iterative);
        }

        _output.WriteLine($"75 WIOD country-years: worst relative distance to LU {worst:E2} (default policy), {worstIterative:E2} (Anderson path)");
    }

    [Theory]
    [MemberData(nameof(Useeio))]
    public void DefaultPolicyMatchesLuOnUseeio(string version)
    {
        var t = Pick(version);
        double error = SolveError(t, EquilibriumSolverOptions.Default, out var report);
        _output.WriteLine($"{t} ({t.N} sectors): ||x - x_LU|| / ||x_LU|| = {error:E2}; {report}");
        Assert.True(report.Converged);
        Assert.True(error <= SolutionTolerance, $"{t}: relative distance {error:E2}");
    }

    [Fact]
    public void EmissionGradientMatchesAdjointFormulaOnEveryWiodCountryYear()
    {
        double worst = 0, worstComponent = 0;
        foreach (var t in _data.Wiod)
        {
            var (norm, component) = GradientError(t);
            Assert.True(norm <= GradientTolerance && component <= GradientTolerance, $"{t}: gradient off by {norm:E2} (norm), {component:E2} (largest component error / largest component)");
            worst = Math.Max(worst, norm);
            worstComponent = Math.Max(worstComponent, component);
        }

        _output.WriteLine($"75 WIOD country-years: gradient of c^T x* vs lambda_i x*_i, worst {worst:E2} (norm-wise), {worstComponent:E2} (component-wise, scaled by the largest)");
    }

    [Theory]
    [MemberData(nameof(Useeio))]
    public void EmissionGradientMatchesAdjointFormulaOnUseeio(string version)
    {
        var t = Pick(version);
        var (norm, component) = GradientError(t);
        _output.WriteLine($"{t}: gradient vs lambda_i x*_i: {norm:E2} (norm-wise), {component:E2} (component-wise)");
        Assert.True(norm <= GradientTolerance && component <= GradientTolerance, $"{t}: {norm:E2}, {component:E2}");
    }

    [Fact]
    public void EmissionGradientMatchesFiniteDifferencesOnEverySectorOfOneTable()
    {
        var t = _data.Wiod.Single(w => w.Name == "WIOD DEU 2014");
        double worst = CompareWithFiniteDifferences(t, Enumerable.Range(0, t.N).ToArray());
        _output.WriteLine($"{t}: all {t.N} sectors, worst finite-difference discrepancy {worst:E2}");
    }

    [Fact]
    public void EmissionGradientMatchesFiniteDifferencesOnAHandfulOfSectorsPerTable()
    {
        double worst = 0;
        foreach (var t in _data.All)
        {
            worst = Math.Max(worst, CompareWithFiniteDifferences(t, Handful(t)));
        }

        _output.WriteLine($"{_data.Wiod.Count + 2} tables, 5 sectors each: worst finite-difference discrepancy {worst:E2}");
    }

    private RealTable Pick(string version) => version == "v1.2" ? _data.UseeioV12 : _data.UseeioV2;

    private static double SolveError(RealTable t, EquilibriumSolverOptions options, out SolveReport report)
    {
        var system = new EquilibriumSystem(new LeontiefQuantityModel(t.A, t.Y));
        var x = new double[t.N];
        report = new EquilibriumSolver(options).Solve(system, x);
        return Norms.RelativeDistance(x, t.ReferenceSolution);
    }

    /// <summary>dL/du at u = 0 from the library's adjoint solve and vector-Jacobian products.</summary>
    private static double[] LibraryGradient(RealTable t)
    {
        var system = new EquilibriumSystem(new LeontiefQuantityModel(t.A, t.Y));
        var layer = new DifferentiableEquilibrium(system);
        layer.Solve();
        var gradU = new double[system.Layout.InterventionLength];
        Assert.Equal(t.N, system.InterventionCoordinates(LeontiefQuantityModel.SectorScaling).Length);
        layer.Backpropagate(t.C, Span<double>.Empty, gradU);
        return gradU;
    }

    private static (double Norm, double Component) GradientError(RealTable t)
    {
        var g = LibraryGradient(t);
        var exact = t.ReferenceGradient();
        return (Norms.RelativeDistance(g, exact), Norms.ComponentwiseDistance(g, exact));
    }

    /// <summary>The two sectors with the largest |dL/du|, the median one, the smallest nonzero one and the last one.</summary>
    private static int[] Handful(RealTable t)
    {
        var g = t.ReferenceGradient();
        var order = Enumerable.Range(0, t.N).Where(i => g[i] != 0).OrderByDescending(i => Math.Abs(g[i])).ToList();
        return new[] { order[0], order[1], order[order.Count / 2], order[^1], t.N - 1 }.Distinct().ToArray();
    }

    /// <summary>Central differences of L(u) = c^T x*(u) along e_i (step 1e-4); returns the worst discrepancy.
    /// Component i must agree to the tolerance relative to |dL/du_i|, or, where that component is below 1e-3 of the
    /// largest, relative to 1e-3 of the largest (rounding in L, about 1e-16 L / h, then dominates the quotient).</summary>
    private double CompareWithFiniteDifferences(RealTable t, int[] sectors)
    {
        var g = LibraryGradient(t);
        double gMax = g.Max(Math.Abs);
        var system = new EquilibriumSystem(new LeontiefQuantityModel(t.A, t.Y));
        // Each x*(u) by the policy's direct path: an iterative solve stopped at rtol 1e-11 would leave noise of about
        // 1e-11 L / h in the quotient, far above the tolerance for the 411-sector table.
        var solver = new EquilibriumSolver(EquilibriumSolverOptions.Default with { DirectPreferredBelow = int.MaxValue });
        var u = system.InterventionCoordinates(LeontiefQuantityModel.SectorScaling);
        var x = (double[])t.ReferenceSolution.Clone();
        const double h = 1e-4;
        double worst = 0;
        foreach (int i in sectors)
        {
            u[i] = h;
            solver.Solve(system, x);
            double plus = Dot(t.C, x);
            u[i] = -h;
            solver.Solve(system, x);
            double minus = Dot(t.C, x);
            u[i] = 0;
            double fd = (plus - minus) / (2 * h);
            double scale = Math.Max(Math.Abs(g[i]), 1e-3 * gMax);
            double discrepancy = Math.Abs(fd - g[i]) / scale;
            Assert.True(discrepancy <= FiniteDifferenceTolerance, $"{t}, sector {i} ({t.Table.Sectors[i].Code}): dL/du = {g[i]:E6}, central difference {fd:E6}, discrepancy {discrepancy:E2}");
            worst = Math.Max(worst, discrepancy);
        }

        return worst;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
