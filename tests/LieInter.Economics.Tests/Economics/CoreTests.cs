using LieInter.Economics;
using LieInter.LinearAlgebra;

namespace LieInter.Tests.Economics;

public class CoreTests
{
    private static InputOutputTable Small(double[] a, double[] y, string unit = "million EUR", IReadOnlyList<Stressor>? stressors = null, string source = "test table")
    {
        int n = y.Length;
        var sectors = Enumerable.Range(0, n).Select(i => new Sector($"S{i + 1}", $"sector {i + 1}", "XX")).ToList();
        return new InputOutputTable("test", "XX", 2000, sectors, a, y, unit, "basic prices", stressors, source: source);
    }

    [Fact]
    public void CollatzWielandtBoundsBracketTheEigenvalueRadius()
    {
        var rng = new Random(12345);
        foreach (int n in new[] { 3, 8, 25, 60 })
        {
            for (int trial = 0; trial < 5; trial++)
            {
                var a = new double[n * n];
                bool signed = trial % 2 == 1;
                for (int k = 0; k < a.Length; k++)
                {
                    double v = rng.NextDouble() < 0.3 ? 0 : rng.NextDouble() * 2.0 / n;
                    a[k] = signed && rng.NextDouble() < 0.3 ? -v : v;
                }

                double exact = SpectralRadius.ByEigenvalues(a, n);
                var bound = SpectralRadius.BoundAbsolute(a, n);
                Assert.True(bound.Upper >= exact - 1e-12, $"n={n}: upper {bound.Upper} < rho(A) {exact}");
                if (!signed)
                {
                    Assert.True(bound.Lower <= exact + 1e-12, $"n={n}: lower {bound.Lower} > rho(A) {exact}");
                    Assert.True(bound.Upper - exact <= 1e-6 * Math.Max(exact, 1e-3), $"n={n}: upper {bound.Upper} vs rho {exact}");
                }
            }
        }
    }

    [Fact]
    public void SpectralRadiusAtOrAboveOneIsRejected()
    {
        // Column sums 1.2: rho = 1.2, so (I - A)^-1 is not a nonnegative Leontief inverse.
        var ex = Assert.Throws<InputOutputDataException>(() => Small(new[] { 0.6, 0.6, 0.6, 0.6 }, new[] { 1.0, 1.0 }, source: "some/file.csv"));
        Assert.Equal("some/file.csv", ex.File);
        Assert.Contains("spectral radius of A", ex.Message);
        Assert.Contains("1.2", ex.Message);
        // Exactly 1 (a closed economy) is rejected too.
        Assert.Throws<InputOutputDataException>(() => Small(new[] { 0.5, 0.5, 0.5, 0.5 }, new[] { 1.0, 1.0 }));
    }

    [Fact]
    public void NegativeEntriesFallBackToEigenvalues()
    {
        // rho(|A|) = 1.2 but A's eigenvalues are 0.6 +- 0.6i, of modulus 0.849: productive.
        var t = Small(new[] { 0.6, 0.6, -0.6, 0.6 }, new[] { 1.0, 1.0 });
        Assert.True(t.SpectralRadius.IsProductive);
        Assert.Equal(Math.Sqrt(0.72), t.SpectralRadius.Upper, 10);
        Assert.Contains("eigenvalues", t.SpectralRadius.Method);
    }

    [Fact]
    public void LeadingBlocksPreserveOutputOrTruncate()
    {
        var deu = WiodDerivedCountry.Load(DataRoot.Combine("wiod2016", "derived"), "DEU").Table(2014);
        foreach (int k in new[] { 1, 10, 30, 56 })
        {
            var block = deu.LeadingBlock(k);
            Assert.Equal(k, block.SectorCount);
            Assert.Equal(deu.Sectors.Take(k), block.Sectors);
            Assert.Equal(deu.Coefficient(k - 1, 0), block.Coefficient(k - 1, 0));
            var x = block.SolveOutput();
            for (int i = 0; i < k; i++)
            {
                Assert.Equal(deu.ReportedOutput[i], x[i], 1e-9 * deu.ReportedOutput[i] + 1e-9);
            }

            Assert.Equal(deu.GetStressor("CO2").Intensity[..k].ToArray(), block.GetStressor("CO2").Intensity.ToArray());
            var truncated = deu.LeadingBlock(k, SubBlockDemand.Truncate);
            Assert.False(truncated.HasReportedOutput);
            Assert.Equal(deu.FinalDemand[..k].ToArray(), truncated.FinalDemand.ToArray());
        }

        // Sub-blocks of a productive nonnegative A stay productive, with a radius no larger.
        Assert.True(deu.LeadingBlock(20).SpectralRadius.Upper <= deu.SpectralRadius.Upper + 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => deu.LeadingBlock(57));
    }

    [Fact]
    public void StressorsAreSelectedByNameWithHelpfulErrors()
    {
        var s = new[]
        {
            new Stressor("CO2", "kt CO2", "million EUR", new[] { 1.0, 2.0 }, aliases: new[] { "Carbon dioxide" }),
            new Stressor("EMP", "1000 persons", "million EUR", new[] { 0.01, 0.02 }),
        };
        var t = Small(new[] { 0.1, 0.2, 0.3, 0.1 }, new[] { 10.0, 20.0 }, stressors: s, source: "here.csv");
        Assert.Same(t.Stressors[0], t.GetStressor("CO2"));
        Assert.Same(t.Stressors[0], t.GetStressor("co2"));
        Assert.Same(t.Stressors[0], t.GetStressor("Carbon dioxide"));
        var ex = Assert.Throws<InputOutputDataException>(() => t.GetStressor("CH4"));
        Assert.Equal("here.csv", ex.File);
        Assert.Contains("'CH4'", ex.Message);
        Assert.Contains("'CO2', 'EMP'", ex.Message);
        var sumError = Assert.Throws<InputOutputDataException>(() => t.SumStressors("x", "CO2", "EMP"));
        Assert.Contains("different units", sumError.Message);
        var p = t.ToProblemData("CO2", "EMP");
        Assert.Equal(new[] { 1.0, 2.0 }, p.GhgIntensity);
        Assert.Equal("kt CO2 per million EUR", p.GhgIntensityUnit);
        Assert.Equal("1000 persons per million EUR", p.EmploymentIntensityUnit);
        Assert.Equal(0.3, p.A[1, 0]);
        string description = t.Describe();
        Assert.Contains("kt CO2 per million EUR", description);
        Assert.Contains("1000 persons", description);
    }

    [Fact]
    public void GwpPresetsCarryTheirFactorsAndSources()
    {
        Assert.Equal(28, GwpFactors.Ar5Gwp100["CH4"]);
        Assert.Equal(265, GwpFactors.Ar5Gwp100["N2O"]);
        Assert.Equal(27.9, GwpFactors.Ar6Gwp100["CH4"]);
        Assert.Equal(29.8, GwpFactors.Ar6Gwp100["CH4_fossil"]);
        Assert.Equal(273, GwpFactors.Ar6Gwp100["N2O"]);
        Assert.Equal(1, GwpFactors.Ar6Gwp100["CO2"]);
        string printed = GwpFactors.Ar6Gwp100.ToString();
        Assert.Contains("CH4 = 27.9", printed);
        Assert.Contains("CH4_fossil = 29.8", printed);
        Assert.Contains("AR6 WG I", printed);
        var ex = Assert.Throws<KeyNotFoundException>(() => GwpFactors.Ar5Gwp100["SF6"]);
        Assert.Contains("'CO2', 'CH4', 'N2O'", ex.Message);
    }

    [Fact]
    public void CharacterisationConvertsMassUnits()
    {
        var s = new[]
        {
            new Stressor("CO2", "kt CO2", "million EUR", new[] { 1.0, 2.0 }),
            new Stressor("CH4", "t CH4", "million EUR", new[] { 100.0, 0.0 }),
            new Stressor("N2O", "thousand tonnes", "million EUR", new[] { 0.0, 0.01 }),
            new Stressor("EMP", "1000 persons", "million EUR", new[] { 1.0, 1.0 }),
        };
        var t = Small(new[] { 0.1, 0.2, 0.3, 0.1 }, new[] { 10.0, 20.0 }, stressors: s);
        var ghg = t.CharacteriseGhg(GwpFactors.Ar6Gwp100, new[] { ("CO2", "CO2"), ("CH4", "CH4_fossil"), ("N2O", "N2O") });
        Assert.Equal("kt CO2-eq", ghg.Unit);
        Assert.Equal(1.0 + 29.8 * 100 / 1000, ghg.Intensity[0], 12);  // 100 t CH4 = 0.1 kt
        Assert.Equal(2.0 + 273 * 0.01, ghg.Intensity[1], 12);
        Assert.Contains("29.8 x CH4 [t CH4] as CH4_fossil", ghg.Description);
        var withGhg = t.WithStressors(ghg);
        Assert.Equal(ghg.Total(t.Output).Value, withGhg.StressorTotal("GHG").Value);
        var ex = Assert.Throws<InputOutputDataException>(() => t.CharacteriseGhg(GwpFactors.Ar5Gwp100, new[] { ("EMP", "CO2") }));
        Assert.Contains("not a mass unit", ex.Message);
    }

    [Fact]
    public void ConstructionRejectsInconsistentShapes()
    {
        var sectors = new[] { new Sector("S1", "one", "XX"), new Sector("S2", "two", "XX") };
        InputOutputDataException Make(double[] a, double[] y, IReadOnlyList<Stressor>? st = null, IReadOnlyList<FinalDemandCategory>? cats = null, IReadOnlyList<Sector>? sec = null) =>
            Assert.Throws<InputOutputDataException>(() => new InputOutputTable("t", "XX", null, sec ?? sectors, a, y, "EUR", "b", st, cats, source: "src.csv"));

        Assert.Contains("A has 3 x 3 but there are 2 sectors", Make(new double[9], new double[2]).Message);
        Assert.Contains("final demand y has 3 entries but there are 2 sectors", Make(new double[4], new double[3]).Message);
        var nan = Make(new[] { 0.1, double.NaN, 0, 0 }, new double[2]);
        Assert.Equal(1, nan.Row);
        Assert.Equal("S2", nan.Column);
        Assert.Contains("has 3 values but there are 2 sectors", Make(new double[4], new double[2], new[] { new Stressor("CO2", "kt", "EUR", new double[3]) }).Message);
        Assert.Contains("is per 'USD'", Make(new double[4], new double[2], new[] { new Stressor("CO2", "kt", "USD", new double[2]) }).Message);
        Assert.Contains("add up to", Make(new double[4], new[] { 1.0, 1.0 }, cats: new[] { new FinalDemandCategory("HH", new[] { 1.0, 0.5 }) }).Message);
        Assert.Contains("appears twice", Make(new double[4], new double[2], sec: new[] { sectors[0], sectors[0] }).Message);
        Assert.All(new[] { Make(new double[9], new double[2]) }, e => Assert.Equal("src.csv", e.File));
    }

    [Fact]
    public void DataRootIsFoundOrTheErrorSaysWhereItLooked()
    {
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.Combine("repo", "src", "deep"));
        var ex = Assert.Throws<InputOutputDataException>(() => DataRoot.Resolve(null, new[] { tmp.Combine("repo", "src", "deep"), tmp.Combine("repo", "src") }));
        Assert.Contains("LIEINTER_DATA", ex.Message);
        Assert.Contains("--data", ex.Message);
        Assert.Contains(Path.GetFullPath(tmp.Combine("repo", "data")), ex.Message);
        // Each folder is listed once, however many start folders lead to it.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(ex.Message, System.Text.RegularExpressions.Regex.Escape(Path.GetFullPath(tmp.Combine("repo", "data")) + ";")));

        // A folder named data without the marker and the tables is not taken for the data root.
        Directory.CreateDirectory(tmp.Combine("repo", "src", "data"));
        Directory.CreateDirectory(tmp.Combine("repo", "data", "wiod2016"));
        File.WriteAllText(tmp.Combine("repo", "data", DataRoot.MarkerFile), "tables");
        Assert.Equal(Path.GetFullPath(tmp.Combine("repo", "data")), DataRoot.Resolve(null, new[] { tmp.Combine("repo", "src", "deep") }));

        // An explicit setting that points nowhere is an error, even when the default location exists.
        var bad = Assert.Throws<InputOutputDataException>(() => DataRoot.Resolve(tmp.Combine("nowhere"), new[] { tmp.Combine("repo") }));
        Assert.Contains("nowhere", bad.Message);
        Assert.Equal(tmp.Path, DataRoot.Resolve(tmp.Path, Array.Empty<string>()));
    }

    [Fact]
    public void TheRepositoryShipsItsOwnDataRoot()
    {
        // Tests run from tests/.../bin: the root found is the repository's data/, not a folder outside it.
        string root = DataRoot.Resolve(null, new[] { AppContext.BaseDirectory });
        Assert.True(File.Exists(Path.Combine(root, "..", "LieInter.sln")), $"{root} is not the repository's data folder");
    }
}
