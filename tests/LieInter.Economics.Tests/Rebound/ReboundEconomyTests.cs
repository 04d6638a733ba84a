using LieInter.Economics.Rebound;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace LieInter.Economics.Tests.Rebound;

/// <summary>The price-quantity rebound model on WIOD DEU and FRA 2014: calibration, the limits the literature
/// defines, and the rebound against finite differences and an independent block solve.</summary>
public sealed class ReboundEconomyTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, InputOutputTable> Tables = new();

    internal static InputOutputTable Table(string country)
    {
        lock (Tables)
        {
            if (!Tables.TryGetValue(country, out var t))
            {
                t = WiodDerivedCountry.Load(DataRoot.Combine("wiod2016", "derived"), country).Table(2014);
                Tables[country] = t;
            }

            return t;
        }
    }

    [Theory]
    [InlineData("DEU")]
    [InlineData("FRA")]
    public void ReferenceEquilibriumIsTheTable(string country)
    {
        var table = Table(country);
        var economy = new ReboundEconomy(table);
        Assert.Equal(4 * table.SectorCount, economy.ReferenceState.Count); // x, p, q and y for every sector
        var m = economy.Measure(0);
        double scale = table.ReportedOutput.ToArray().Max();
        for (int i = 0; i < table.SectorCount; i++)
        {
            Assert.True(Math.Abs(m.Output[i] - table.ReportedOutput[i]) <= 1e-10 * scale, $"{table.Sectors[i].Code}: x = {m.Output[i]:R}, WIOD {table.ReportedOutput[i]:R}");
            Assert.True(Math.Abs(m.Prices[i] - 1) <= 1e-10, $"{table.Sectors[i].Code}: p = {m.Prices[i]:R}");
        }

        Assert.Equal([table.IndexOfSector("B"), table.IndexOfSector("D35")], economy.EnergySectors);

        // The calibrated demand y = x - A x differs from the table's final demand only by the table's rounding.
        double gap = Enumerable.Range(0, table.SectorCount).Max(i => Math.Abs(economy.ReferenceDemand[i] - table.FinalDemand[i]));
        output.WriteLine($"{country}: largest |(x - A x) - y_WIOD| = {gap:E2} million USD (largest output {scale:E3})");
        Assert.True(gap <= 1e-6 * scale, $"gap {gap}");
    }

    [Fact]
    public void WithoutPriceResponseThereIsNoRebound()
    {
        var economy = new ReboundEconomy(Table("DEU"), new ReboundOptions { UniformElasticity = 0 });
        foreach (double g in new[] { 0.05, 0.2, 0.3 })
        {
            var m = economy.Measure(g);
            Assert.True(m.Energy.EngineeringSaving > 0, $"gain {g}: engineering saving {m.Energy.EngineeringSaving}");
            Assert.True(Math.Abs(m.Energy.Rebound) <= 1e-10, $"gain {g}: energy rebound {m.Energy.Rebound:E3}");
            Assert.True(Math.Abs(m.Co2.Rebound) <= 1e-10, $"gain {g}: CO2 rebound {m.Co2.Rebound:E3}");
        }

        var (energy, co2) = economy.Marginal();
        Assert.True(Math.Abs(energy.Rebound) <= 1e-10 && Math.Abs(co2.Rebound) <= 1e-10, $"marginal {energy.Rebound:E3}, {co2.Rebound:E3}");
    }

    [Theory]
    [InlineData("DEU")]
    [InlineData("FRA")]
    public void MarginalReboundMatchesFiniteDifferences(string country)
    {
        var economy = new ReboundEconomy(Table(country));
        var (energy, co2) = economy.Marginal();

        // Central differences in u = ln d: gains 1 - e^(+-h).
        const double h = 1e-4;
        var plus = economy.Measure(1 - Math.Exp(h));
        var minus = economy.Measure(1 - Math.Exp(-h));
        double Fd(Func<ReboundMeasurement, ReboundQuantity> q) =>
            1 - (q(plus).Actual - q(minus).Actual) / (q(plus).Engineering - q(minus).Engineering);
        double fdEnergy = Fd(m => m.Energy), fdCo2 = Fd(m => m.Co2);
        output.WriteLine($"{country}: marginal rebound energy {energy.Rebound:P4} (finite differences {fdEnergy:P4}), CO2 {co2.Rebound:P4} ({fdCo2:P4})");
        Assert.True(energy.Rebound > 0 && energy.Rebound < 1, $"energy rebound {energy.Rebound}");
        Assert.True(Math.Abs(energy.Rebound - fdEnergy) <= 1e-6, $"energy: {energy.Rebound:R} against {fdEnergy:R}");
        Assert.True(Math.Abs(co2.Rebound - fdCo2) <= 1e-6, $"CO2: {co2.Rebound:R} against {fdCo2:R}");
    }

    [Fact]
    public void FiniteGainMatchesAnIndependentBlockSolve()
    {
        // Prices first (p = A'^T p + v), then demand, then quantities (x = A' x + y): direct LU solves, no equilibrium layer.
        var table = Table("DEU");
        var economy = new ReboundEconomy(table);
        const double gain = 0.2;
        var m = economy.Measure(gain);
        int n = table.SectorCount;
        var a = Matrix<double>.Build.DenseOfArray(table.TechnicalCoefficientsArray());
        foreach (int e in economy.EnergySectors)
        {
            a.SetRow(e, a.Row(e) * (1 - gain));
        }

        var identity = Matrix<double>.Build.DenseIdentity(n);
        var p = (identity - a.Transpose()).Solve(Vector<double>.Build.DenseOfEnumerable(economy.PrimaryInput));
        var y = Vector<double>.Build.Dense(n, i => economy.ReferenceDemand[i] * Math.Pow(p[i], -economy.Elasticities[i]));
        var x = (identity - a).Solve(y);
        var xe = (identity - a).Solve(Vector<double>.Build.DenseOfEnumerable(economy.ReferenceDemand));
        var (energy, co2) = economy.Totals(x.ToArray());
        var (energyE, co2E) = economy.Totals(xe.ToArray());
        Assert.Equal(energy, m.Energy.Actual, 1e-8 * energy);
        Assert.Equal(energyE, m.Energy.Engineering, 1e-8 * energyE);
        Assert.Equal(co2, m.Co2.Actual, 1e-8 * co2);
        Assert.Equal(co2E, m.Co2.Engineering, 1e-8 * co2E);
        output.WriteLine($"DEU 2014, 20% gain: energy rebound {m.Energy.Rebound:P2}, CO2 rebound {m.Co2.Rebound:P2}");
    }

    [Fact]
    public void BadSettingsAreNamed()
    {
        var table = Table("DEU");
        var ex = Assert.Throws<InputOutputDataException>(() => new ReboundEconomy(table, new ReboundOptions { EnergySectors = ["D36X"] }));
        Assert.Contains("no sector 'D36X'", ex.Message);
        var unknown = Assert.Throws<InputOutputDataException>(() => new ReboundEconomy(table, new ReboundOptions { Elasticities = new Dictionary<string, double> { ["ZZ"] = 0.3 } }));
        Assert.Contains("ZZ", unknown.Message);
        Assert.Throws<ArgumentException>(() => new ReboundEconomy(table, new ReboundOptions { UniformElasticity = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReboundEconomy(table).Measure(1));
    }
}
