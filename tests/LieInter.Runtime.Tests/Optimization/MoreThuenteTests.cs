using LieInter.Optimization;

namespace LieInter.Tests.Optimization;

public class MoreThuenteTests
{
    // The first test function of More and Thuente (1994): phi(a) = -a / (a^2 + beta), beta = 2, minimiser sqrt(2).
    private static (double F, double G) Phi1(double a) => (-a / (a * a + 2), (a * a - 2) / ((a * a + 2) * (a * a + 2)));

    // Their second function: phi(a) = (a + beta)^5 - 2 (a + beta)^4, beta = 0.004, minimiser 1.6 - beta.
    private static (double F, double G) Phi2(double a)
    {
        double b = a + 0.004;
        return (Math.Pow(b, 5) - 2 * Math.Pow(b, 4), 5 * Math.Pow(b, 4) - 8 * Math.Pow(b, 3));
    }

    [Theory]
    [InlineData(1, 1e-3)]
    [InlineData(1, 1e-1)]
    [InlineData(1, 10)]
    [InlineData(1, 1000)]
    [InlineData(2, 1e-3)]
    [InlineData(2, 1e-1)]
    [InlineData(2, 10)]
    [InlineData(2, 1000)]
    public void FindsAStrongWolfeStepInFewEvaluations(int function, double start)
    {
        Func<double, (double F, double G)> phi = function == 1 ? Phi1 : Phi2;
        double ftol = function == 1 ? 1e-3 : 0.1;
        double gtol = function == 1 ? 0.1 : 0.1;
        var (f0, g0) = phi(0);
        var search = default(MoreThuenteSearch);
        double stp = start;
        search.Start(stp, f0, g0, ftol, gtol, 1e-10, 0, 1e10);
        int evaluations = 0;
        LineSearchStatus status;
        double f, g;
        do
        {
            (f, g) = phi(stp);
            evaluations++;
            status = search.Iterate(ref stp, f, g);
        }
        while (status == LineSearchStatus.Evaluate && evaluations < 30);

        Assert.Equal(LineSearchStatus.Converged, status);
        Assert.True(f <= f0 + ftol * stp * g0, "sufficient decrease");
        Assert.True(Math.Abs(g) <= gtol * Math.Abs(g0), "strong curvature condition");
        Assert.InRange(evaluations, 1, 12);
    }
}
