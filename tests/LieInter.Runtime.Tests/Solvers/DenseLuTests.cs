using LieInter.Solvers;

namespace LieInter.Tests.Solvers;

/// <summary>A theory about LAPACK through <see cref="NativeLapack"/>, reported as skipped (not passed) where none loads.</summary>
internal sealed class NativeLapackTheoryAttribute : TheoryAttribute
{
    public NativeLapackTheoryAttribute()
    {
        if (NativeLapack.Unavailable is { } why)
        {
            Skip = $"Native dense LU not tested: {why}. Install libopenblas (Debian: libopenblas0-pthread) to test it.";
        }
    }
}

/// <summary>A fact about LAPACK through <see cref="NativeLapack"/>, reported as skipped (not passed) where none loads.</summary>
internal sealed class NativeLapackFactAttribute : FactAttribute
{
    public NativeLapackFactAttribute()
    {
        if (NativeLapack.Unavailable is { } why)
        {
            Skip = $"Native dense LU not tested: {why}. Install libopenblas (Debian: libopenblas0-pthread) to test it.";
        }
    }
}

public class DenseLuTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 7, 63, 64, 65, 130, 300 };

    /// <summary>Row-permuted cI + R (R uniform in [-1, 1], c = 2 sqrt(n) + 1): well conditioned, yet every column's
    /// largest entry is off the diagonal, so partial pivoting has to interchange rows (of M = A^T as well).</summary>
    private static double[] PermutedDominant(int n, int seed)
    {
        var r = new Random(seed);
        var perm = Enumerable.Range(0, n).OrderBy(_ => r.Next()).ToArray();
        double c = 2 * Math.Sqrt(n) + 1;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[perm[i] * n + j] = 2 * r.NextDouble() - 1 + (i == j ? c : 0);
            }
        }

        return a;
    }

    private static double[] RandomVector(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 2 * r.NextDouble() - 1).ToArray();
    }

    /// <summary>||op(A) z - b|| / (||A||_F ||z||): the normwise backward error of a solve.</summary>
    private static double BackwardError(double[] a, int n, double[] z, double[] b, bool transposed)
    {
        double r2 = 0, a2 = 0, z2 = 0;
        for (int i = 0; i < n; i++)
        {
            double s = -b[i];
            for (int j = 0; j < n; j++)
            {
                s += (transposed ? a[j * n + i] : a[i * n + j]) * z[j];
                a2 += a[i * n + j] * a[i * n + j];
            }

            r2 += s * s;
            z2 += z[i] * z[i];
        }

        return Math.Sqrt(r2) / (Math.Sqrt(a2) * Math.Sqrt(z2));
    }

    private static double RelativeDifference(double[] x, double[] y) =>
        Math.Sqrt(x.Zip(y, (p, q) => (p - q) * (p - q)).Sum()) / Math.Sqrt(y.Sum(v => v * v));

    private static (double[] Z, double[] ZT, DenseLu Lu) SolveBoth(double[] a, int n, double[] b, DenseLuBackend backend)
    {
        var lu = new DenseLu(a, n, backend);
        Assert.Equal(backend, lu.Backend);
        var z = (double[])b.Clone();
        lu.Solve(z);
        var zt = (double[])b.Clone();
        lu.SolveTransposed(zt);
        return (z, zt, lu);
    }

    private static void AssertSmallBackwardErrors(DenseLuBackend backend, int n)
    {
        var a = PermutedDominant(n, 100 + n);
        var b = RandomVector(n, 200 + n);
        var (z, zt, lu) = SolveBoth(a, n, b, backend);
        Assert.False(lu.IsSingular, $"{backend}, n = {n}: pivot ratio {lu.PivotRatio:E2}");
        double forward = BackwardError(a, n, z, b, transposed: false), transposed = BackwardError(a, n, zt, b, transposed: true);
        Assert.True(forward <= 1e-14, $"{backend}, n = {n}: Solve backward error {forward:E2}");
        Assert.True(transposed <= 1e-14, $"{backend}, n = {n}: SolveTransposed backward error {transposed:E2}");

        // Later solves reuse the factors unchanged.
        var again = (double[])b.Clone();
        lu.Solve(again);
        Assert.Equal(z, again);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ManagedSolvesHaveSmallBackwardErrors(int n) => AssertSmallBackwardErrors(DenseLuBackend.Managed, n);

    [NativeLapackTheory]
    [MemberData(nameof(Sizes))]
    public void NativeSolvesHaveSmallBackwardErrors(int n) => AssertSmallBackwardErrors(DenseLuBackend.Native, n);

    [NativeLapackTheory]
    [MemberData(nameof(Sizes))]
    public void ManagedAndNativeAgreeOnPivotsAndSolutions(int n)
    {
        var a = PermutedDominant(n, 300 + n);
        var b = RandomVector(n, 400 + n);
        var managed = SolveBoth(a, n, b, DenseLuBackend.Managed);
        var native = SolveBoth(a, n, b, DenseLuBackend.Native);
        Assert.Equal(native.Lu.Pivots.ToArray(), managed.Lu.Pivots.ToArray());
        Assert.True(Math.Abs(managed.Lu.PivotRatio - native.Lu.PivotRatio) <= 1e-12 * native.Lu.PivotRatio, $"n = {n}: pivot ratios {managed.Lu.PivotRatio:R} and {native.Lu.PivotRatio:R}");
        double dz = RelativeDifference(managed.Z, native.Z), dzt = RelativeDifference(managed.ZT, native.ZT);
        Assert.True(dz <= 1e-12, $"n = {n}: Solve differs by {dz:E2}");
        Assert.True(dzt <= 1e-12, $"n = {n}: SolveTransposed differs by {dzt:E2}");
    }

    [Fact]
    public void TheAutomaticBackendIsLapackWhereOneLoadsAboveTheSmallOrdersTheUnblockedLoopWins()
    {
        Assert.Equal(DenseLuBackend.Managed, new DenseLu(new double[] { 2 }, 1).Backend);
        int n = ManagedLu.UnblockedUpTo + 1;
        var identity = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            identity[i * (n + 1)] = 1;
        }

        Assert.Equal(NativeLapack.IsAvailable ? DenseLuBackend.Native : DenseLuBackend.Managed, new DenseLu(identity, n).Backend);
    }

    public static TheoryData<string> Backends => new() { nameof(DenseLuBackend.Managed), nameof(DenseLuBackend.Native) };

    private static DenseLuBackend Backend(string name)
    {
        var backend = Enum.Parse<DenseLuBackend>(name);
        if (backend == DenseLuBackend.Native && !NativeLapack.IsAvailable)
        {
            // Theory rows cannot be skipped one by one in xunit 2; the native-only theories above report the skip.
            return DenseLuBackend.Managed;
        }

        return backend;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void AZeroLeadingPivotIsSwappedAway(string backendName)
    {
        var backend = Backend(backendName);

        // A[0,0] = 0 (and M = A^T has the same diagonal), so the first step must interchange rows.
        double[] a = [0, 2, 1, 1, 1, 0, 3, 0, 1];
        double[] b = [3, 2, 4];
        var (z, zt, lu) = SolveBoth((double[])a.Clone(), 3, b, backend);
        Assert.False(lu.IsSingular);
        Assert.NotEqual(1, lu.Pivots[0]);
        Assert.True(BackwardError(a, 3, z, b, transposed: false) <= 1e-16);
        Assert.True(BackwardError(a, 3, zt, b, transposed: true) <= 1e-16);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void AnExactlySingularMatrixIsReportedNotThrown(string backendName)
    {
        var backend = Backend(backendName);
        var two = new DenseLu(new double[] { 1, 2, 2, 4 }, 2, backend);
        Assert.True(two.IsSingular);
        Assert.Equal(0, two.PivotRatio);

        // A zero row of A is a zero column of M: an exactly zero pivot in the middle of the recursive path.
        foreach (int n in new[] { 7, 70, 130 })
        {
            var a = PermutedDominant(n, n);
            Array.Clear(a, (n / 2) * n, n);
            var lu = new DenseLu(a, n, backend);
            Assert.True(lu.IsSingular, $"{backend}, n = {n}: pivot ratio {lu.PivotRatio:E2}");
            Assert.Equal(0, lu.PivotRatio);
        }

        // Two equal rows: singular in exact arithmetic, the last pivot is zero or at rounding level.
        var d = PermutedDominant(65, 65);
        Array.Copy(d, 3 * 65, d, 40 * 65, 65);
        Assert.True(new DenseLu(d, 65, backend).IsSingular);
    }

    [Fact]
    public void ShapesAreChecked()
    {
        var e = Assert.Throws<ArgumentException>(() => new DenseLu(new double[5], 2));
        Assert.Contains("Expected 4 entries for a 2 x 2 matrix, got 5", e.Message);
        var lu = new DenseLu(new double[] { 1, 0, 0, 1 }, 2);
        Assert.Throws<ArgumentException>(() => lu.Solve(new double[3]));
        var empty = new DenseLu(ReadOnlySpan<double>.Empty, 0);
        Assert.False(empty.IsSingular);
        empty.Solve(Span<double>.Empty);
    }
}
