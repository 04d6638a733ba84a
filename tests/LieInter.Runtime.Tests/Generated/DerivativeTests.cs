using LieInter.Modeling;

namespace LieInter.Tests.Generated;

/// <summary>
/// Generated derivatives against central finite differences (relative error at most 1e-6) and against each other
/// through the dot-product identity &lt;w, J v&gt; = &lt;J^T w, v&gt; (at most 1e-12 relative to sum |w_i (J v)_i|,
/// the scale at which a dot product is exact), for state, parameter and intervention directions, at random points.
/// </summary>
public class DerivativeTests
{
    public static TheoryData<string> Models => new(CorpusInstances.All.Keys);

    private const double FdTolerance = 1e-6;
    private const double DotTolerance = 1e-12;

    [Fact]
    public void CorpusHasAtLeastTwelveModels() => Assert.True(CorpusInstances.All.Count >= 12);

    [Theory]
    [MemberData(nameof(Models))]
    public void JvpMatchesCentralDifferencesInEveryDirection(string name)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var (model, p) = Point(name, seed);
            var r = new Random(100 + seed);

            // State direction.
            var dx = RandomDirection(r, p.N);
            var jv = Jvp(model, p, dx, [], []);
            var fd = CentralDifference(h => Perturbed(model, p, dx, h, null, null));
            AssertClose(fd, jv, FdTolerance, $"{name}: state JVP");

            // Parameter direction (kept small relative to each parameter so the model stays in its domain).
            var dTheta = RandomDirection(r, p.Theta.Length).Select((v, k) => v * (0.1 + Math.Abs(p.Theta[k]))).ToArray();
            jv = Jvp(model, p, [], dTheta, []);
            fd = CentralDifference(h => Perturbed(model, p, null, h, dTheta, null));
            AssertClose(fd, jv, FdTolerance, $"{name}: parameter JVP");

            // Intervention direction.
            if (p.U.Length > 0)
            {
                var du = RandomDirection(r, p.U.Length);
                jv = Jvp(model, p, [], [], du);
                fd = CentralDifference(h => Perturbed(model, p, null, h, null, du));
                AssertClose(fd, jv, FdTolerance, $"{name}: intervention JVP");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void VjpIsTheTransposeOfJvp(string name)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var (model, p) = Point(name, seed);
            var r = new Random(200 + seed);
            var w = RandomDirection(r, p.N);
            var wJx = new double[p.N];
            var wJTheta = new double[p.Theta.Length];
            var wJu = new double[p.U.Length];
            model.Vjp(p.X, p.U, w, wJx, wJTheta, wJu);

            // The state-only VJP variant agrees with the full one.
            var wJxOnly = new double[p.N];
            model.Vjp(p.X, p.U, w, wJxOnly, [], []);
            for (int k = 0; k < p.N; k++)
            {
                Assert.Equal(wJx[k], wJxOnly[k], 14);
            }

            // So does the state-and-coordinates variant (parameters inactive).
            var wJxU = new double[p.N];
            var wJuOnly = new double[p.U.Length];
            model.Vjp(p.X, p.U, w, wJxU, [], wJuOnly);
            Assert.Equal(wJx, wJxU);
            Assert.Equal(wJu, wJuOnly);

            var dx = RandomDirection(r, p.N);
            var dTheta = RandomDirection(r, p.Theta.Length);
            var du = RandomDirection(r, p.U.Length);
            CheckDot(w, Jvp(model, p, dx, [], []), wJx, dx, $"{name}: state");
            CheckDot(w, Jvp(model, p, [], dTheta, []), wJTheta, dTheta, $"{name}: parameters");
            if (p.U.Length > 0)
            {
                CheckDot(w, Jvp(model, p, [], [], du), wJu, du, $"{name}: interventions");
            }

            // And all three directions at once through the full JVP.
            var all = Jvp(model, p, dx, dTheta, du);
            double lhs = Dot(w, all);
            double rhs = Dot(wJx, dx) + Dot(wJTheta, dTheta) + Dot(wJu, du);
            double scale = w.Zip(all, (a, b) => Math.Abs(a * b)).Sum() + 1e-300;
            Assert.True(Math.Abs(lhs - rhs) <= DotTolerance * scale * 10, $"{name}: combined dot-product identity {lhs} vs {rhs}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void JacobianRowsMatchTheVjpOfUnitVectorsAndEvaluateMatchesJvp(string name)
    {
        var (model, p) = Point(name, 7);
        var row = new double[p.N];
        var e = new double[p.N];
        var viaVjp = new double[p.N];
        for (int k = 0; k < p.N; k++)
        {
            model.JacobianRow(p.X, p.U, k, row);
            Array.Clear(e);
            e[k] = 1;
            model.Vjp(p.X, p.U, e, viaVjp, [], []);
            for (int j = 0; j < p.N; j++)
            {
                Assert.Equal(viaVjp[j], row[j], 14);
            }
        }

        var fx = new double[p.N];
        var fx2 = new double[p.N];
        var jv = new double[p.N];
        model.Evaluate(p.X, p.U, fx);
        model.Jvp(p.X, p.U, [], [], [], fx2, jv);
        Assert.Equal(fx, fx2);
        Assert.All(jv, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void LayoutParametersAndStateRoundTrip()
    {
        var model = (IEquilibriumModel)new DenseLeontief { A = new double[,] { { 0.1, 0.2 }, { 0.3, 0.4 } }, FinalDemand = [1, 2], X = [5, 6] };
        var layout = model.GetLayout();
        Assert.Equal(2, layout.StateLength);
        Assert.Equal(6, layout.ParameterLength);
        Assert.Equal(2, layout.InterventionLength);
        Assert.Equal(new Segment("A", 0, 4), layout.Parameter("A"));
        var theta = new double[6];
        model.ReadParameters(theta);
        Assert.Equal(new[] { 0.1, 0.2, 0.3, 0.4, 1, 2 }, theta);
        theta[1] = 0.25;
        model.WriteParameters(theta);
        Assert.Equal(0.25, ((double[,])model.GetParameterValue("A"))[0, 1]);
        var x = new double[2];
        model.ReadState(x);
        Assert.Equal(new[] { 5.0, 6.0 }, x);
        model.WriteState(new[] { 7.0, 8.0 });
        Assert.Equal(new[] { 7.0, 8.0 }, ((DenseLeontief)model).X);
    }

    [Fact]
    public void WrongLengthsAndNullArraysGiveClearErrors()
    {
        IEquilibriumModel model = new DenseLeontief { A = new double[2, 2], FinalDemand = [1, 2], X = new double[2] };
        var ex = Assert.Throws<ArgumentException>(() => model.Evaluate(new double[3], [], new double[2]));
        Assert.Contains("DenseLeontief", ex.Message);
        Assert.Contains("3", ex.Message);
        IEquilibriumModel broken = new DenseLeontief { A = new double[2, 2], FinalDemand = null!, X = new double[2] };
        var nullEx = Assert.Throws<InvalidOperationException>(() => broken.GetLayout());
        Assert.Contains("FinalDemand", nullEx.Message);
    }

    // ---------------------------------------------------------------- helpers

    private sealed record PointData(double[] X, double[] U, double[] Theta)
    {
        public int N => X.Length;
    }

    private static (IEquilibriumModel Model, PointData Point) Point(string name, int seed)
    {
        var r = new Random(seed);
        var (model, sample) = CorpusInstances.All[name](r);
        var layout = model.GetLayout();
        var x = Enumerable.Range(0, layout.StateLength).Select(_ => sample(r)).ToArray();
        var u = Enumerable.Range(0, layout.InterventionLength).Select(_ => 0.3 * (r.NextDouble() - 0.5)).ToArray();
        var theta = new double[layout.ParameterLength];
        model.ReadParameters(theta);
        return (model, new PointData(x, u, theta));
    }

    private static double[] Jvp(IEquilibriumModel model, PointData p, double[] dx, double[] dTheta, double[] du)
    {
        var fx = new double[p.N];
        var jv = new double[p.N];
        model.Jvp(p.X, p.U, dx, dTheta, du, fx, jv);
        return jv;
    }

    private static double[] Perturbed(IEquilibriumModel model, PointData p, double[]? dx, double h, double[]? dTheta, double[]? du)
    {
        var x = (double[])p.X.Clone();
        var u = (double[])p.U.Clone();
        var theta = (double[])p.Theta.Clone();
        if (dx is not null)
        {
            for (int k = 0; k < x.Length; k++) x[k] += h * dx[k];
        }

        if (du is not null)
        {
            for (int k = 0; k < u.Length; k++) u[k] += h * du[k];
        }

        if (dTheta is not null)
        {
            for (int k = 0; k < theta.Length; k++) theta[k] += h * dTheta[k];
        }

        model.WriteParameters(theta);
        var fx = new double[x.Length];
        model.Evaluate(x, u, fx);
        model.WriteParameters(p.Theta);
        return fx;
    }

    /// <summary>Fourth-order central difference (h = 1e-3 and 2e-3), so truncation stays far below the tolerance.</summary>
    private static double[] CentralDifference(Func<double, double[]> f)
    {
        const double h = 1e-3;
        var p1 = f(h);
        var m1 = f(-h);
        var p2 = f(2 * h);
        var m2 = f(-2 * h);
        return p1.Select((_, k) => (8 * (p1[k] - m1[k]) - (p2[k] - m2[k])) / (12 * h)).ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        double diff = Math.Sqrt(expected.Zip(actual, (a, b) => (a - b) * (a - b)).Sum());
        double scale = Math.Max(Math.Sqrt(expected.Sum(a => a * a)), 1e-8);
        Assert.True(diff <= tolerance * scale, $"{what}: relative error {diff / scale:E2} (|fd| = {scale:E3})\n fd = [{string.Join(", ", expected.Select(v => v.ToString("G6")))}]\n jv = [{string.Join(", ", actual.Select(v => v.ToString("G6")))}]");
    }

    private static void CheckDot(double[] w, double[] jv, double[] jtw, double[] v, string what)
    {
        double lhs = Dot(w, jv);
        double rhs = Dot(jtw, v);
        double scale = w.Zip(jv, (a, b) => Math.Abs(a * b)).Sum() + jtw.Zip(v, (a, b) => Math.Abs(a * b)).Sum();
        Assert.True(Math.Abs(lhs - rhs) <= DotTolerance * Math.Max(scale, 1e-300), $"{what}: <w, Jv> = {lhs:R}, <J^T w, v> = {rhs:R}, relative {Math.Abs(lhs - rhs) / scale:E2}");
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double[] RandomDirection(Random r, int n) => Enumerable.Range(0, n).Select(_ => 2 * r.NextDouble() - 1).ToArray();
}
