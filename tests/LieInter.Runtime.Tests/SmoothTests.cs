namespace LieInter.Tests;

public class SmoothTests
{
    [Theory]
    [InlineData(-2.0)]
    [InlineData(-1e-7)]
    [InlineData(0.0)]
    [InlineData(3e-7)]
    [InlineData(5.0)]
    public void SmoothAbsStaysWithinWidthAndHasExactDerivative(double x)
    {
        const double w = 1e-6;
        Assert.InRange(Math.Abs(x) - Smooth.Abs(x, w), 0.0, w);
        double h = 1e-9;
        double fd = (Smooth.Abs(x + h, w) - Smooth.Abs(x - h, w)) / (2 * h);
        Assert.Equal(fd, SmoothDerivatives.AbsDx(x, w), 1e-5);
    }

    [Fact]
    public void SmoothMaxAndMinBracketTheExactValues()
    {
        Assert.InRange(Smooth.Max(1.0, 2.0, 1e-3), 2.0 - 5e-4, 2.0 + 5e-4);
        Assert.InRange(Smooth.Min(1.0, 2.0, 1e-3), 1.0 - 5e-4, 1.0 + 5e-4);
        Assert.InRange(Smooth.Softplus(-50.0, 1.0), 0.0, 1e-20);
        Assert.Equal(50.0, Smooth.Softplus(50.0, 1.0), 12);
    }
}
