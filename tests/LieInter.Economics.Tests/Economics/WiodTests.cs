using System.Diagnostics;
using LieInter.Economics;
using Xunit.Abstractions;

namespace LieInter.Tests.Economics;

/// <summary>Parses every WIOD file once: derived CSVs for all 75 country-years, the five NIOT workbooks, SEA and JRC CO2.</summary>
public sealed class WiodFixture
{
    public static readonly string[] Countries = { "CAN", "DEU", "FRA", "GBR", "USA" };

    public WiodFixture()
    {
        Root = DataRoot.Combine("wiod2016");
        var sw = Stopwatch.StartNew();
        foreach (var c in Countries)
        {
            var country = WiodDerivedCountry.Load(Path.Combine(Root, "derived"), c);
            foreach (int year in country.Years)
            {
                Derived[(c, year)] = country.Table(year);
            }
        }

        Timings["derived CSVs, 5 countries x 15 years"] = sw.Elapsed;
        sw.Restart();
        Sea = WiodSocioEconomicAccounts.Load(Path.Combine(Root, "sea", "WIOD_SEA_Nov16_CAN_DEU_FRA_GBR_USA.csv"));
        Timings["SEA CSV (4,200 rows)"] = sw.Elapsed;
        sw.Restart();
        Co2 = WiodJrcCo2Accounts.Load(Path.Combine(Root, "co2_jrc", "WIOD_JRC_CO2_emission_accounts_kt.xlsx"));
        Timings["JRC CO2 workbook (all 45 sheets)"] = sw.Elapsed;
        foreach (var c in Countries)
        {
            sw.Restart();
            Niot[c] = WiodNiotWorkbook.Open(Path.Combine(Root, "niot", $"{c}_NIOT_nov16.xlsx"));
            Timings[$"NIOT workbook {c} (1.6 MB xlsx, 5.6 MB sheet XML)"] = sw.Elapsed;
        }

        sw.Restart();
        foreach (var c in Countries)
        {
            foreach (int year in Niot[c].Years)
            {
                FromWorkbooks[(c, year)] = Niot[c].Table(year, Sea, Co2);
            }
        }

        Timings["75 tables from the parsed workbooks, with SEA and JRC CO2"] = sw.Elapsed;
    }

    public string Root { get; }

    public Dictionary<(string Country, int Year), InputOutputTable> Derived { get; } = new();

    public Dictionary<string, WiodNiotWorkbook> Niot { get; } = new();

    public Dictionary<(string Country, int Year), InputOutputTable> FromWorkbooks { get; } = new();

    public WiodSocioEconomicAccounts Sea { get; }

    public WiodJrcCo2Accounts Co2 { get; }

    public Dictionary<string, TimeSpan> Timings { get; } = new();
}

public class WiodTests : IClassFixture<WiodFixture>
{
    private readonly WiodFixture _data;
    private readonly ITestOutputHelper _output;

    public WiodTests(WiodFixture data, ITestOutputHelper output)
    {
        _data = data;
        _output = output;
    }

    [Fact]
    public void EveryCountryYearIsShippedAndLoads()
    {
        Assert.Equal(75, _data.Derived.Count);
        foreach (var ((c, year), t) in _data.Derived)
        {
            Assert.Equal(56, t.SectorCount);
            Assert.InRange(year, 2000, 2014);
            Assert.Equal(c, t.Region);
        }

        foreach (var (what, time) in _data.Timings)
        {
            _output.WriteLine($"{what}: {time.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public void DerivedRouteReproducesReportedOutputForEveryCountryYear()
    {
        double worst = 0;
        foreach (var ((c, year), t) in _data.Derived)
        {
            double err = RelativeOutputError(t);
            worst = Math.Max(worst, err);
            Assert.True(err <= 1e-8, $"{c} {year}: x = (I - A)^-1 y misses reported output by {err:E2} (relative)");
            Assert.True(t.SpectralRadius.IsProductive);
            Assert.InRange(t.SpectralRadius.Upper, 0.3, 0.6);
        }

        _output.WriteLine($"worst relative error over 75 country-years (derived CSVs): {worst:E2}");
    }

    [Fact]
    public void WorkbookRouteReproducesReportedOutputForEveryCountryYear()
    {
        double worst = 0;
        foreach (var c in WiodFixture.Countries)
        {
            var book = _data.Niot[c];
            Assert.Equal(Enumerable.Range(2000, 15), book.Years);
            foreach (int year in book.Years)
            {
                var t = _data.FromWorkbooks[(c, year)];
                double err = RelativeOutputError(t);
                worst = Math.Max(worst, err);
                Assert.True(err <= 1e-8, $"{c} {year} (NIOT): x = (I - A)^-1 y misses reported output by {err:E2}");
            }
        }

        _output.WriteLine($"worst relative error over 75 country-years (NIOT workbooks): {worst:E2}");
    }

    [Fact]
    public void WorkbookAndDerivedRoutesAgree()
    {
        double worstA = 0, worstVec = 0, worstStressor = 0;
        foreach (var ((c, year), derived) in _data.Derived)
        {
            var book = _data.FromWorkbooks[(c, year)];
            Assert.Equal(derived.Sectors.Select(s => s.Code), book.Sectors.Select(s => s.Code));
            worstA = Math.Max(worstA, MaxAbsDiff(derived.TechnicalCoefficients, book.TechnicalCoefficients));
            worstVec = Math.Max(worstVec, MaxRelDiff(derived.FinalDemand, book.FinalDemand));
            worstVec = Math.Max(worstVec, MaxRelDiff(derived.ReportedOutput, book.ReportedOutput));
            foreach (var name in new[] { "CO2", "EMP" })
            {
                worstStressor = Math.Max(worstStressor, MaxRelDiff(derived.GetStressor(name).Intensity, book.GetStressor(name).Intensity));
            }
        }

        _output.WriteLine($"max |A_derived - A_workbook| = {worstA:E2}; vectors rel {worstVec:E2}; intensities rel {worstStressor:E2}");
        Assert.True(worstA <= 1e-12, $"A differs by {worstA:E2}");
        Assert.True(worstVec <= 1e-10, $"y or x differ by {worstVec:E2} (relative)");
        Assert.True(worstStressor <= 1e-10, $"intensities differ by {worstStressor:E2} (relative)");
    }

    [Theory]
    [InlineData("DEU", 676.0, 42.7)]
    [InlineData("FRA", 230.0, 27.3)]
    [InlineData("USA", 4343.0, 155.8)]
    public void TotalsMatchTheReadme2014(string country, double co2Mt, double employedMillions)
    {
        var t = _data.Derived[(country, 2014)];
        var co2 = t.StressorTotal("CO2");
        var emp = t.StressorTotal("EMP");
        Assert.Equal("kt CO2", co2.Unit);
        Assert.Equal("1000 persons", emp.Unit);
        _output.WriteLine($"{country} 2014: CO2 {co2} ({co2.Value / 1000:F1} Mt), employment {emp} ({emp.Value / 1000:F2} M)");
        Assert.Equal(co2Mt, co2.Value / 1000, 0);         // README rounds to 1 Mt
        Assert.Equal(employedMillions, emp.Value / 1000, 1); // and to 0.1 M
        var book = _data.FromWorkbooks[(country, 2014)];
        Assert.Equal(co2.Value, book.StressorTotal("CO2").Value, 6);
        Assert.Equal(emp.Value, book.StressorTotal("EMP").Value, 6);
    }

    [Fact]
    public void ElectricityIntensityMatchesTheReadme()
    {
        var deu = _data.Derived[("DEU", 2014)];
        var fra = _data.Derived[("FRA", 2014)];
        int d35 = deu.IndexOfSector("D35");
        Assert.Equal(2.00, deu.GetStressor("CO2").Intensity[d35], 2); // kt per million USD = kg per USD
        Assert.Equal(0.16, fra.GetStressor("CO2").Intensity[fra.IndexOfSector("D35")], 2);
    }

    internal static double RelativeOutputError(InputOutputTable t)
    {
        var x = t.SolveOutput();
        var reported = t.ReportedOutput;
        double scale = 0;
        foreach (double v in reported)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            // Relative per sector; sectors with zero output are compared against the table's largest output.
            double denom = Math.Max(Math.Abs(reported[i]), 1e-6 * scale);
            worst = Math.Max(worst, Math.Abs(x[i] - reported[i]) / denom);
        }

        return worst;
    }

    private static double MaxAbsDiff(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Math.Abs(a[i] - b[i]));
        }

        return m;
    }

    private static double MaxRelDiff(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Math.Abs(a[i] - b[i]) / Math.Max(Math.Max(Math.Abs(a[i]), Math.Abs(b[i])), 1e-300));
        }

        return m;
    }
}
