using System.Diagnostics;
using LieInter.Economics;
using Xunit.Abstractions;

namespace LieInter.Tests.Economics;

/// <summary>Loads the two national USEEIO models and the six state models once.</summary>
public sealed class UseeioFixture
{
    public static readonly string[] States = { "CA", "GA", "MN", "NY", "TX", "WA" };

    public UseeioFixture()
    {
        Root = DataRoot.Combine("useeio");
        var sw = Stopwatch.StartNew();
        V2 = UseeioModel.Load(Path.Combine(Root, "USEEIOv2.0.1-411"));
        Timings["USEEIO v2.0.1 (411 sectors; A.json 2.2 MB)"] = sw.Elapsed;
        sw.Restart();
        V2Domestic = UseeioModel.Load(Path.Combine(Root, "USEEIOv2.0.1-411"), new UseeioLoadOptions { Domestic = true });
        Timings["USEEIO v2.0.1 domestic (A_d.json 2.2 MB)"] = sw.Elapsed;
        sw.Restart();
        V12 = UseeioModel.Load(Path.Combine(Root, "USEEIOv1.2"));
        Timings["USEEIO v1.2 (388 sectors; A.json 2.0 MB)"] = sw.Elapsed;
        sw.Restart();
        foreach (var st in States)
        {
            StateModels[st] = UseeioModel.Load(Path.Combine(Root, "states", $"{st}EEIOv1.0-s-20"));
        }

        Timings["six state models (146 sectors each)"] = sw.Elapsed;
    }

    public string Root { get; }

    public InputOutputTable V2 { get; }

    public InputOutputTable V2Domestic { get; }

    public InputOutputTable V12 { get; }

    public Dictionary<string, InputOutputTable> StateModels { get; } = new();

    public Dictionary<string, TimeSpan> Timings { get; } = new();
}

public class UseeioTests : IClassFixture<UseeioFixture>
{
    private readonly UseeioFixture _data;
    private readonly ITestOutputHelper _output;

    public UseeioTests(UseeioFixture data, ITestOutputHelper output)
    {
        _data = data;
        _output = output;
    }

    [Fact]
    public void ShapesUnitsAndSpectralRadius()
    {
        Assert.Equal(411, _data.V2.SectorCount);
        Assert.Equal(388, _data.V12.SectorCount);
        Assert.All(_data.StateModels.Values, t => Assert.Equal(146, t.SectorCount));
        Assert.Equal("kg CO2 eq", _data.V2.GetStressor("GHG").Unit);
        Assert.Equal("kg CO2 eq per USD", _data.V2.GetStressor("GHG").IntensityUnit);
        Assert.Equal("jobs", _data.V2.GetStressor("JOBS").Unit.ToLowerInvariant().Trim());
        Assert.Same(_data.V2.GetStressor("GHG"), _data.V2.GetStressor("Greenhouse Gases")); // by the indicator's long name too
        foreach (var t in new[] { _data.V2, _data.V2Domestic, _data.V12 }.Concat(_data.StateModels.Values))
        {
            Assert.True(t.SpectralRadius.IsProductive, $"{t.Name}: {t.SpectralRadius}");
            _output.WriteLine($"{t.Name}: {t.SpectralRadius}");
        }

        var model = UseeioModel.Open(Path.Combine(_data.Root, "USEEIOv2.0.1-411"));
        var industryOutput = model.ReadOutputVector("x")!;
        Assert.Equal(411, industryOutput.Length);
        Assert.Equal(_data.V2.ReportedOutput.ToArray(), model.ReadOutputVector("q"));
        Assert.NotEqual(_data.V2.ReportedOutput.ToArray(), industryOutput); // commodity vs industry output
        Assert.Null(UseeioModel.Open(Path.Combine(_data.Root, "USEEIOv1.2")).ReadOutputVector("x"));

        foreach (var (what, time) in _data.Timings)
        {
            _output.WriteLine($"{what}: {time.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public void ProductionDemandReproducesCommodityOutput()
    {
        // USEEIO publishes q, A and y separately (rounded source data), so the check is normwise: max |x - q| / max |q|.
        double err = NormwiseOutputError(_data.V2);
        double errDomestic = NormwiseOutputError(_data.V2Domestic);
        _output.WriteLine($"v2.0.1: A with Production_Complete {err:E2}; A_d with Production_Domestic {errDomestic:E2} (max |x - q| / max |q|)");
        Assert.True(err <= 5e-5, $"v2.0.1 complete: {err:E2}"); // measured 3.1e-5
        Assert.True(errDomestic <= 5e-5, $"v2.0.1 domestic: {errDomestic:E2}"); // measured 3.4e-5
        foreach (var (st, t) in _data.StateModels)
        {
            double e = NormwiseOutputError(t);
            _output.WriteLine($"{st}: state + RoUS production demand {e:E2}");
            Assert.True(e <= 1e-5, $"{st}: {e:E2}"); // measured 3.6e-6 for CA
        }
    }

    internal static double NormwiseOutputError(InputOutputTable t)
    {
        var x = t.SolveOutput();
        var q = t.ReportedOutput;
        double worst = 0, scale = 0;
        for (int i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(x[i] - q[i]));
            scale = Math.Max(scale, Math.Abs(q[i]));
        }

        return worst / scale;
    }

    [Fact]
    public void NationalTotalsMatchTheReadme()
    {
        var v2 = _data.V2;
        double ghg = v2.StressorTotal("GHG").Value / 1e12;  // kg -> Gt
        double jobs = v2.StressorTotal("JOBS").Value / 1e6;
        _output.WriteLine($"v2.0.1 2012: GHG {ghg:F3} Gt CO2-eq, jobs {jobs:F2} M");
        Assert.Equal(4.92, ghg, 2);
        Assert.Equal(126.5, jobs, 1);

        Assert.False(_data.V12.HasReportedOutput); // v1.2 ships no q: output is solved from A and y
        double ghg12 = _data.V12.StressorTotal("GHG").Value / 1e12;
        double jobs12 = _data.V12.StressorTotal("JOBS").Value / 1e6;
        _output.WriteLine($"v1.2 2007: GHG {ghg12:F3} Gt CO2-eq, jobs {jobs12:F1} M");
        Assert.Equal(5.42, ghg12, 2);
        Assert.Equal(137, jobs12, 0);
    }

    [Theory]
    [InlineData("CA", 238.0, 15.7)]
    [InlineData("TX", 669.0, 11.7)]
    public void StatePartTotalsMatchTheReadme(string state, double ghgMt, double jobsMillions)
    {
        var t = _data.StateModels[state];
        var q = t.ReportedOutput;
        var ghg = t.GetStressor("GHG").AmountsBySector(q);
        var jobs = t.GetStressor("JOBS").AmountsBySector(q);
        double g = 0, j = 0;
        for (int i = 0; i < t.SectorCount; i++)
        {
            if (t.Sectors[i].Region == $"US-{state}")
            {
                g += ghg[i];
                j += jobs[i];
            }
        }

        _output.WriteLine($"{state} 2020 state part: GHG {g / 1e9:F1} Mt CO2-eq, jobs {j / 1e6:F2} M");
        Assert.Equal(ghgMt, g / 1e9, 0);
        Assert.Equal(jobsMillions, j / 1e6, 1);
        Assert.Equal(73, t.Sectors.Count(s => s.Region == $"US-{state}"));
    }

    [Fact]
    public void ProblemDataCarriesGhgAndEmploymentIntensities()
    {
        var p = _data.V2.ToProblemData("GHG", "JOBS");
        Assert.Equal(411, p.GhgIntensity.Length);
        Assert.Equal("kg CO2 eq per USD", p.GhgIntensityUnit);
        Assert.Equal(_data.V2.GetStressor("JOBS").Intensity.ToArray(), p.EmploymentIntensity);
        double cq = 0;
        for (int i = 0; i < p.Output.Length; i++)
        {
            cq += p.GhgIntensity[i] * p.Output[i];
        }

        Assert.Equal(_data.V2.StressorTotal("GHG").Value, cq, 1e-6 * cq);
    }
}
