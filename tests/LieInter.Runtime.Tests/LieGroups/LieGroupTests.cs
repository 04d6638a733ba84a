using LieInter.LieGroups;

namespace LieInter.Tests.LieGroups;

public class LieGroupTests
{
    private const int Samples = 40;

    [Fact]
    public void MultiplicativeSatisfiesTheGroupAndActionLaws() => CheckAll<Multiplicative>(rng => 10 * (rng.NextDouble() - 0.5));

    [Fact]
    public void ShiftSatisfiesTheGroupAndActionLaws() => CheckAll<Shift>(rng => 10 * (rng.NextDouble() - 0.5));

    [Fact]
    public void AffineSatisfiesTheGroupAndActionLaws() => CheckAll<Affine>(rng => 10 * (rng.NextDouble() - 0.5));

    [Fact]
    public void UserGroupScalingAboutAPointWorksThroughTheDefaults() => CheckAll<ScalingAboutPoint>(rng => 10 * (rng.NextDouble() - 0.5));

    [Fact]
    public void UserGroupWithANonlinearActionWorksThroughTheDefaults() => CheckAll<OddsScaling>(rng => 0.02 + 0.96 * rng.NextDouble());

    [Fact]
    public void DefaultImplementationsAgreeWithTheClosedForms()
    {
        var rng = new Random(41);
        for (int k = 0; k < Samples; k++)
        {
            double[] u = [4 * (rng.NextDouble() - 0.5)];
            double v = 10 * (rng.NextDouble() - 0.5);
            double dv = rng.NextDouble() - 0.5;
            double[] du = [rng.NextDouble() - 0.5];
            double bar = rng.NextDouble() - 0.5;
            Assert.Equal(Apply<Multiplicative>(u, v), Apply<DefaultsOfMultiplicative>(u, v), 14);
            Assert.Equal(Tangent<Multiplicative>(u, v, dv, du), Tangent<DefaultsOfMultiplicative>(u, v, dv, du), 14);
            var barClosed = new double[1];
            var barDefault = new double[1];
            Assert.Equal(Adjoint<Multiplicative>(u, v, bar, barClosed), Adjoint<DefaultsOfMultiplicative>(u, v, bar, barDefault), 14);
            Assert.Equal(barClosed[0], barDefault[0], 14);
        }
    }

    [Theory]
    [InlineData(1e-5)]
    [InlineData(-1e-5)]
    [InlineData(1e-4)]
    [InlineData(-1e-4)]
    [InlineData(0.0)]
    public void AffineExponentialIsSmoothAcrossItsSeriesSwitch(double s)
    {
        // Phi and its derivative switch to series near s = 0; values and derivatives must be continuous there.
        foreach (double offset in new[] { -1e-9, 0.0, 1e-9 })
        {
            double[] u = [s + offset, 0.7];
            double v = 1.3;
            var grad = new double[2];
            Affine.ActExp(u, v, out _, grad);
            const double h = 1e-6;
            double fd = (Affine.ActExp([u[0] + h, u[1]], v, out _, new double[2]) - Affine.ActExp([u[0] - h, u[1]], v, out _, new double[2])) / (2 * h);
            Assert.Equal(fd, grad[0], 1e-9);
            // Phi(s) = (e^s - 1) / s by its series, exact to rounding for |s| <= 1e-4.
            double z = u[0];
            double phi = 1 + z / 2 * (1 + z / 3 * (1 + z / 4 * (1 + z / 5 * (1 + z / 6))));
            double expected = Math.Exp(z) * v + 0.7 * phi;
            Assert.True(Math.Abs(expected - Affine.ActExp(u, v, out _, new double[2])) <= 4e-16 * expected, $"s = {z}: {Affine.ActExp(u, v, out _, new double[2]):R} vs {expected:R}");
        }
    }

    private static void CheckAll<G>(Func<Random, double> value)
        where G : ILieGroup<G>
    {
        var rng = new Random(typeof(G).Name.Length * 7919 + 1);
        int n = G.ElementSize;
        int d = G.Dimension;
        double[] RandomU() => Enumerable.Range(0, d).Select(_ => 3 * (rng.NextDouble() - 0.5)).ToArray();
        double[] Element(double[] u)
        {
            var g = new double[n];
            G.Exp(u, g);
            return g;
        }

        double[] Product(double[] g, double[] h)
        {
            var p = new double[n];
            G.Compose(g, h, p);
            return p;
        }

        var identity = new double[n];
        G.Identity(identity);
        AssertClose(identity, Element(new double[d]), 1e-15, "Exp(0) = identity");

        for (int k = 0; k < Samples; k++)
        {
            var g = Element(RandomU());
            var h = Element(RandomU());
            var q = Element(RandomU());
            double v = value(rng);

            // Group axioms.
            AssertClose(g, Product(identity, g), 1e-14, "e g = g");
            AssertClose(g, Product(g, identity), 1e-14, "g e = g");
            AssertClose(Product(Product(g, h), q), Product(g, Product(h, q)), 1e-12, "(g h) q = g (h q)");
            var inverse = new double[n];
            G.Inverse(g, inverse);
            AssertClose(identity, Product(g, inverse), 1e-13, "g g^-1 = e");
            AssertClose(identity, Product(inverse, g), 1e-13, "g^-1 g = e");

            // Action: identity acts trivially, and g . (h . v) = (g h) . v.
            Assert.Equal(v, G.Act(identity, v), 14);
            Assert.Equal(G.Act(Product(g, h), v), G.Act(g, G.Act(h, v)), 11);

            // Exp/Log round trips, and Exp is a genuine exponential: t -> Exp(t xi) is a one-parameter subgroup.
            var u = RandomU();
            var back = new double[d];
            G.Log(Element(u), back);
            AssertClose(u, back, 1e-12, "Log(Exp(u)) = u");
            var logG = new double[d];
            G.Log(g, logG);
            AssertClose(g, Element(logG), 1e-12, "Exp(Log(g)) = g");
            double s = rng.NextDouble() - 0.5;
            double t = rng.NextDouble() - 0.5;
            AssertClose(Element(u.Select(x => (s + t) * x).ToArray()), Product(Element(u.Select(x => s * x).ToArray()), Element(u.Select(x => t * x).ToArray())), 1e-12, "Exp((s+t) xi) = Exp(s xi) Exp(t xi)");

            // Apply = action of Exp(u) = value of ActExp.
            double applied = Apply<G>(u, v);
            Assert.Equal(G.Act(Element(u), v), applied, 12);
            var dU = new double[d];
            Assert.Equal(applied, G.ActExp(u, v, out double dValue, dU), 12);

            // ActExp derivatives against central differences of Apply.
            const double h1 = 1e-6;
            double fdValue = (Apply<G>(u, v + h1) - Apply<G>(u, v - h1)) / (2 * h1);
            Assert.True(Math.Abs(fdValue - dValue) <= 1e-7 * Math.Max(1, Math.Abs(dValue)), $"{typeof(G).Name}: d/dvalue {dValue} vs {fdValue}");
            for (int i = 0; i < d; i++)
            {
                var up = (double[])u.Clone();
                var down = (double[])u.Clone();
                up[i] += h1;
                down[i] -= h1;
                double fd = (Apply<G>(up, v) - Apply<G>(down, v)) / (2 * h1);
                Assert.True(Math.Abs(fd - dU[i]) <= 1e-7 * Math.Max(1, Math.Abs(dU[i])), $"{typeof(G).Name}: d/du[{i}] {dU[i]} vs {fd}");
            }

            // ApplyTangent: the directional derivative along (dv, du), against central differences and ActExp.
            double dv = rng.NextDouble() - 0.5;
            var du = RandomU();
            double tangent = Tangent<G>(u, v, dv, du);
            double fdTangent = (Apply<G>(u.Select((x, i) => x + h1 * du[i]).ToArray(), v + h1 * dv) - Apply<G>(u.Select((x, i) => x - h1 * du[i]).ToArray(), v - h1 * dv)) / (2 * h1);
            Assert.True(Math.Abs(fdTangent - tangent) <= 1e-7 * Math.Max(1, Math.Abs(tangent)), $"{typeof(G).Name}: tangent {tangent} vs {fdTangent}");
            Assert.Equal(dValue * dv + dU.Select((x, i) => x * du[i]).Sum(), tangent, 12);
            Assert.Equal(dValue * dv, Tangent<G>(u, v, dv, []), 12);

            // ApplyAdjoint: <bar, J (dv, du)> = <J^T bar, (dv, du)>, and it accumulates into uBar.
            double bar = rng.NextDouble() - 0.5;
            var seed = RandomU();
            var uBar = (double[])seed.Clone();
            double valueBar = Adjoint<G>(u, v, bar, uBar);
            double lhs = bar * tangent;
            double rhs = valueBar * dv + uBar.Select((x, i) => (x - seed[i]) * du[i]).Sum();
            Assert.Equal(lhs, rhs, 12);
            Assert.Equal(bar * dValue, Adjoint<G>(u, v, bar, []), 12);
        }
    }

    private static double Apply<G>(ReadOnlySpan<double> u, double v)
        where G : ILieGroup<G> => LieAction.Apply<G>(u, v);

    private static double Tangent<G>(ReadOnlySpan<double> u, double v, double dv, ReadOnlySpan<double> du)
        where G : ILieGroup<G> => LieAction.ApplyTangent<G>(u, v, dv, du);

    private static double Adjoint<G>(ReadOnlySpan<double> u, double v, double bar, Span<double> uBar)
        where G : ILieGroup<G> => LieAction.ApplyAdjoint<G>(u, v, bar, uBar);

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string law)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"{law}: entry {i} expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}

public class AccurateMathTests
{
    [Theory]
    [InlineData(1e-300)]
    [InlineData(-3e-17)]
    [InlineData(1e-10)]
    [InlineData(-1e-10)]
    [InlineData(1e-5)]
    [InlineData(1.1e-5)]
    [InlineData(-2.5e-4)]
    [InlineData(1e-3)]
    public void ExpM1IsAccurateNearZero(double x)
    {
        // Reference: the Taylor series, exact to rounding for |x| <= 1e-3 with terms through x^6.
        double series = x * (1 + x / 2 * (1 + x / 3 * (1 + x / 4 * (1 + x / 5 * (1 + x / 6)))));
        Assert.True(Math.Abs(AccurateMath.ExpM1(x) - series) <= 4e-16 * Math.Abs(series), $"ExpM1({x}) = {AccurateMath.ExpM1(x):R}, series {series:R}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.7)]
    [InlineData(30.0)]
    [InlineData(-50.0)]
    [InlineData(800.0)]
    public void ExpM1MatchesExpMinusOneAwayFromZero(double x)
    {
        double expected = Math.Exp(x) - 1;
        double actual = AccurateMath.ExpM1(x);
        Assert.True(actual == expected || Math.Abs(actual - expected) <= 4e-16 * Math.Abs(expected), $"ExpM1({x}) = {actual:R}, exp(x) - 1 = {expected:R}");
    }
}
