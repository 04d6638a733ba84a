using LieInter.LieGroups;

namespace LieInter.Tests.LieGroups;

public class LieCoordinatesTests
{
    [Fact]
    public void ComposedInterventionActsLikeApplyingBothInTurn()
    {
        CheckComposition<Multiplicative>(rng => 10 * (rng.NextDouble() - 0.5));
        CheckComposition<Shift>(rng => 10 * (rng.NextDouble() - 0.5));
        CheckComposition<Affine>(rng => 10 * (rng.NextDouble() - 0.5));
        CheckComposition<ScalingAboutPoint>(rng => 10 * (rng.NextDouble() - 0.5));
        CheckComposition<OddsScaling>(rng => 0.02 + 0.96 * rng.NextDouble());
    }

    [Fact]
    public void MultiplicativeAndShiftCoordinatesAdd()
    {
        double[] a = [0.3, -1.2, 2.0];
        double[] b = [-0.1, 0.5, 0.25];
        var m = LieCoordinates.Compose<Multiplicative>(a, b);
        var s = LieCoordinates.Compose<Shift>(a, b);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(a[i] + b[i], m[i], 14);
            Assert.Equal(a[i] + b[i], s[i], 14);
        }
    }

    [Fact]
    public void AffineCompositionDependsOnTheOrder()
    {
        double[] scale = [Math.Log(2.0), 0.0];  // v -> 2 v
        double[] shift = [0.0, 1.0];            // v -> v + 1
        var scaleAfterShift = LieCoordinates.Compose<Affine>(scale, shift);  // v -> 2 (v + 1)
        var shiftAfterScale = LieCoordinates.Compose<Affine>(shift, scale);  // v -> 2 v + 1
        Assert.Equal(2.0 * (3.0 + 1.0), LieAction.Apply<Affine>(scaleAfterShift, 3.0), 12);
        Assert.Equal(2.0 * 3.0 + 1.0, LieAction.Apply<Affine>(shiftAfterScale, 3.0), 12);
    }

    [Fact]
    public void ResultMayAliasAnInputAndBadLengthsAreNamed()
    {
        double[] a = [0.3, -1.2, 2.0, 0.4];
        double[] b = [-0.1, 0.5, 0.25, -0.7];
        var expected = LieCoordinates.Compose<Affine>(a, b);
        var aliasOuter = (double[])a.Clone();
        LieCoordinates.Compose<Affine>(aliasOuter, b, aliasOuter);
        var aliasInner = (double[])b.Clone();
        LieCoordinates.Compose<Affine>(a, aliasInner, aliasInner);
        Assert.Equal(expected, aliasOuter);
        Assert.Equal(expected, aliasInner);

        var odd = Assert.Throws<ArgumentException>(() => LieCoordinates.Compose<Affine>([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]));
        Assert.Contains("multiple of 2", odd.Message);
        Assert.Contains("got 3", odd.Message);
        var mismatch = Assert.Throws<ArgumentException>(() => LieCoordinates.Compose<Shift>([1.0, 2.0], [1.0]));
        Assert.Contains("equal lengths", mismatch.Message);
    }

    private static void CheckComposition<G>(Func<Random, double> value)
        where G : ILieGroup<G>
    {
        var rng = new Random(51);
        int d = G.Dimension;
        const int elements = 4;
        for (int trial = 0; trial < 20; trial++)
        {
            var outer = Enumerable.Range(0, elements * d).Select(_ => 2 * (rng.NextDouble() - 0.5)).ToArray();
            var inner = Enumerable.Range(0, elements * d).Select(_ => 2 * (rng.NextDouble() - 0.5)).ToArray();
            var composed = LieCoordinates.Compose<G>(outer, inner);
            var inverse = new double[inner.Length];
            LieCoordinates.Invert<G>(inner, inverse);
            var undone = LieCoordinates.Compose<G>(inverse, inner);
            for (int j = 0; j < elements; j++)
            {
                var range = new Range(j * d, (j + 1) * d);
                double v = value(rng);
                double twice = G.Apply(outer.AsSpan(range), G.Apply(inner.AsSpan(range), v));
                Assert.True(Math.Abs(twice - G.Apply(composed.AsSpan(range), v)) <= 1e-12 * Math.Max(1, Math.Abs(twice)), $"{typeof(G).Name}: composed action");
                Assert.True(Math.Abs(v - G.Apply(inverse.AsSpan(range), G.Apply(inner.AsSpan(range), v))) <= 1e-12 * Math.Max(1, Math.Abs(v)), $"{typeof(G).Name}: inverse undoes");
            }

            Assert.All(undone, x => Assert.True(Math.Abs(x) < 1e-12, $"{typeof(G).Name}: Compose(Invert(u), u) = 0, got {x}"));
        }
    }
}
