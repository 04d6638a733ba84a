using System.Globalization;
using LieInter.Economics;

namespace LieInter.Tests.Economics;

/// <summary>
/// The loaders blame the file that is broken, not the next file that trips over it; their messages read the same in
/// every culture; and <c>Save</c> replaces a folder whole, leaving nothing of an earlier table and refusing folders
/// that hold anything else.
/// </summary>
public class LoaderFailureTests
{
    [Fact]
    public void DuplicateSectorInWiodSectorListIsBlamedOnThatFile()
    {
        using var tmp = new TempFolder();
        string dir = BadInputTests.WriteDerived(tmp);
        string sectors = tmp.File("derived/XXX_sectors.csv", "index,code,name\n0,S1,One\n1,S1,Two\n");
        var ex = BadInputTests.Fails(() => WiodDerivedCountry.Load(dir, "XXX"), sectors, 3, "sector code 'S1' appears twice", "first on line 2");
        Assert.Equal("code", ex.Column);
        Assert.DoesNotContain("vectors", ex.Message);
    }

    [Fact]
    public void DuplicateSectorInEeioSectorListIsBlamedOnThatFile()
    {
        using var tmp = new TempFolder();
        string dir = BadInputTests.WriteCsvLayout(tmp, x: "code,x\nS1,100\nS2,200\n");
        string sectors = tmp.File("t/sectors.csv", "code,name\nS1,One\nS1,Two\n");
        var ex = BadInputTests.Fails(() => EeioCsvFolder.Load(dir), sectors, 3, "sector 'S1' appears twice", "first on line 2");
        Assert.DoesNotContain("x.csv", ex.Message);

        // With a region column, a code is named with its region.
        tmp.File("t/sectors.csv", "code,name,region\nS1,One,R1\nS1,Two,R1\n");
        BadInputTests.Fails(() => EeioCsvFolder.Load(dir), sectors, 3, "sector 'R1/S1' appears twice");
    }

    [Fact]
    public void DuplicateSectorElsewhereIsBlamedOnTheListingFile()
    {
        using var tmp = new TempFolder();

        string model = BadInputTests.WriteUseeio(tmp, sectors: "[{\"id\":\"s1/US\",\"index\":0,\"name\":\"One\",\"code\":\"s1\",\"location\":\"US\"},{\"id\":\"s1/US\",\"index\":1,\"name\":\"Two\",\"code\":\"s1\",\"location\":\"US\"}]");
        BadInputTests.Fails(() => UseeioModel.Load(model), tmp.Combine("m", "sectors.json"), 2, "sector id 's1/US' appears twice", "first on element 1");

        string niot = tmp.Combine("XXX_NIOT_nov16.xlsx");
        XlsxTestWriter.Write(niot, new[] { (WiodNiotWorkbook.SheetName, BadInputTests.MiniNiot(new[] { 100.0, 200.0 }, new double[,] { { 10, 40 }, { 20, 30 } }, new[] { "I1", "I1" })) });
        var ex = BadInputTests.Fails(() => WiodNiotWorkbook.Open(niot), niot, 1, "industry code 'I1' heads two columns (E and F)");
        Assert.Equal("F", ex.Column);

        PymrioAndCsvLayoutTests.WriteHandMadePymrio(tmp, "mrio", withA: false);
        string zPath = tmp.Combine("mrio", "Z.txt");
        File.WriteAllText(zPath, File.ReadAllText(zPath).Replace("mining", "food"));
        BadInputTests.Fails(() => PymrioFolder.Load(tmp.Combine("mrio")), zPath, null, "sector 'r1/food' appears twice");
    }

    [Fact]
    public void MessagesFormatNumbersWithTheInvariantCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // The build runs in invariant-globalization mode, so de-DE itself is not there; a clone with its decimal
            // comma stands in for it, as a host application's culture would.
            var commas = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            commas.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = commas;
            Assert.Equal("-2,5", $"{-2.5}");

            using var tmp = new TempFolder();
            string dir = BadInputTests.WriteCsvLayout(tmp, z: "code,S1,S2\nS1,10,20\nS2,30,40\n", x: "code,x\nS1,100\nS2,-2.5\n");
            var ex = BadInputTests.Fails(() => EeioCsvFolder.Load(dir), tmp.Combine("t", "x.csv"), 3, "output of 'S2' is negative (-2.5)");
            Assert.DoesNotContain("-2,5", ex.Message);

            string bad = BadInputTests.WriteCsvLayout(tmp, a: "code,S1,S2\nS1,0.5,0.75\nS2,0.75,0.5\n");
            var spectral = Assert.Throws<InputOutputDataException>(() => EeioCsvFolder.Load(bad));
            Assert.Contains("spectral radius of A is = 1.25", spectral.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void EeioSaveReplacesTheFolderWhole()
    {
        using var tmp = new TempFolder();
        string source = BadInputTests.WriteCsvLayout(tmp, x: "code,x\nS1,100\nS2,200\n", stressors: "name,unit,kind,S1,S2\nCO2,kt,intensity,0.5,0.25\n");
        var withStressor = EeioCsvFolder.Load(source);
        string target = tmp.Combine("saved");
        EeioCsvFolder.Save(withStressor, target);
        Assert.True(File.Exists(Path.Combine(target, "stressors.csv")));

        string plain = BadInputTests.WriteCsvLayout(tmp);
        EeioCsvFolder.Save(EeioCsvFolder.Load(plain), target);
        Assert.False(File.Exists(Path.Combine(target, "stressors.csv")), "a stressor file of the earlier save stayed behind");
        Assert.False(File.Exists(Path.Combine(target, "x.csv")), "an output file of the earlier save stayed behind");
        Assert.Empty(EeioCsvFolder.Load(target).Stressors);
        Assert.Equal(new[] { "saved" }, Directory.GetDirectories(tmp.Path).Select(Path.GetFileName).Where(n => n!.Contains("saved")));
    }

    [Fact]
    public void PymrioSaveReplacesTheFolderWhole()
    {
        using var tmp = new TempFolder();
        PymrioAndCsvLayoutTests.WriteHandMadePymrio(tmp, "mrio", withA: false);
        var withExtension = PymrioFolder.Load(tmp.Combine("mrio"));
        Assert.NotEmpty(withExtension.Stressors);
        string target = tmp.Combine("saved");
        PymrioFolder.Save(withExtension, target);
        Assert.NotEmpty(Directory.GetDirectories(target));

        var noExtension = new InputOutputTable(
            "plain", withExtension.Region, withExtension.Year, withExtension.Sectors, withExtension.TechnicalCoefficients.ToArray(),
            withExtension.FinalDemand.ToArray(), withExtension.MonetaryUnit, withExtension.PriceBasis, Array.Empty<Stressor>(),
            Array.Empty<FinalDemandCategory>(), withExtension.Output.ToArray(), "test", Array.Empty<string>());
        PymrioFolder.Save(noExtension, target);
        Assert.Empty(Directory.GetDirectories(target));
        Assert.Empty(PymrioFolder.Load(target).Stressors);
    }

    [Fact]
    public void SaveRefusesAFolderWithOtherFilesAndLeavesThemAlone()
    {
        using var tmp = new TempFolder();
        var table = EeioCsvFolder.Load(BadInputTests.WriteCsvLayout(tmp));
        string notes = tmp.File("mine/notes.txt", "keep me");

        var ex = Assert.Throws<InputOutputDataException>(() => EeioCsvFolder.Save(table, tmp.Combine("mine")));
        Assert.Contains("holds 'notes.txt'", ex.Message);
        Assert.Equal(Path.GetFullPath(tmp.Combine("mine")), ex.File);
        var pex = Assert.Throws<InputOutputDataException>(() => PymrioFolder.Save(table, tmp.Combine("mine")));
        Assert.Contains("holds 'notes.txt'", pex.Message);
        Assert.Equal("keep me", File.ReadAllText(notes));
        Assert.Single(Directory.GetFileSystemEntries(tmp.Combine("mine")));

        // An EEIO save with a file of the user's added is refused too: the layout's files are known.
        string saved = tmp.Combine("saved");
        EeioCsvFolder.Save(table, saved);
        tmp.File("saved/README.md", "my notes");
        Assert.Contains("holds 'README.md'", Assert.Throws<InputOutputDataException>(() => EeioCsvFolder.Save(table, saved)).Message);
        Assert.True(File.Exists(Path.Combine(saved, "README.md")));

        string file = tmp.File("plain.csv", "x");
        Assert.Contains("is a file", Assert.Throws<InputOutputDataException>(() => EeioCsvFolder.Save(table, file)).Message);
    }
}
