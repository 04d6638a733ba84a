using LieInter.Economics;

namespace LieInter.Tests.Economics;

/// <summary>
/// Small multi-regional tables built in code, for tests in this project and elsewhere (a CLI test may write one to a
/// folder and run on it). Depends only on LieInter.Economics, so the file can also be linked into another test project.
/// </summary>
public static class TestTables
{
    /// <summary>Regions of <see cref="ThreeRegions"/>, in sector order.</summary>
    public static IReadOnlyList<string> ThreeRegionNames { get; } = new[] { "DE", "FR", "CN" };

    /// <summary>Sector codes of each region of <see cref="ThreeRegions"/>.</summary>
    public static IReadOnlyList<string> ThreeRegionSectorCodes { get; } = new[] { "AGR", "MAN", "SER" };

    private static readonly string[] SectorNames = { "agriculture", "manufacturing", "services" };
    private static readonly double[] RegionSize = { 2, 1, 3 };

    // Domestic and imported intermediate flows (million EUR) for a region of size 1, supplier row, user column.
    private static readonly double[,] DomesticFlows = { { 20, 40, 10 }, { 15, 60, 30 }, { 10, 30, 50 } };
    private static readonly double[,] ImportFlows = { { 2, 5, 1 }, { 3, 10, 4 }, { 1, 3, 6 } };

    // Final demand (million EUR) for a region of size 1: from home suppliers, and from each foreign region.
    private static readonly double[] HomeHouseholds = { 60, 80, 150 };
    private static readonly double[] HomeGovernment = { 5, 10, 80 };
    private static readonly double[] ForeignHouseholds = { 4, 12, 3 };
    private static readonly double[] ForeignGovernment = { 0, 2, 1 };

    // Intensities per million EUR of output: sector pattern times a regional factor.
    private static readonly double[] Co2BySector = { 0.4, 0.8, 0.05 };
    private static readonly double[] Co2ByRegion = { 1.0, 0.6, 2.5 };
    private static readonly double[] EmploymentBySector = { 0.02, 0.006, 0.012 };
    private static readonly double[] EmploymentByRegion = { 1.0, 1.1, 4.0 };

    /// <summary>
    /// A 3-region x 3-sector table (regions "DE", "FR", "CN"; sectors "AGR", "MAN", "SER" in each, so 9 sectors with
    /// keys such as "FR/MAN") in "million EUR", laid out as pymrio's loader returns an MRIO: final-demand categories
    /// "DE/HH", "DE/GOV", "FR/HH", ... with their region of final demand set, each region's households and government
    /// buying from all three regions; intermediate flows Z within and between regions; reported output
    /// x = Z 1 + y (so the table balances) and A = Z / x. Stressors: "CO2" in "kt" (group "emissions") and
    /// "Employment" in "1000 persons" (group "employment"), as intensities per million EUR of output.
    /// </summary>
    public static InputOutputTable ThreeRegions()
    {
        int regions = ThreeRegionNames.Count;
        int sectors = ThreeRegionSectorCodes.Count;
        int n = regions * sectors;
        var z = new double[n, n];
        var categories = new List<(string Name, string Region, double[] Values)>();
        for (int s = 0; s < regions; s++)
        {
            categories.Add(($"{ThreeRegionNames[s]}/HH", ThreeRegionNames[s], new double[n]));
            categories.Add(($"{ThreeRegionNames[s]}/GOV", ThreeRegionNames[s], new double[n]));
        }

        for (int r = 0; r < regions; r++)
        {
            for (int p = 0; p < sectors; p++)
            {
                int i = r * sectors + p;
                for (int s = 0; s < regions; s++)
                {
                    // Flows scale with the buying region s; DE and CN, not neighbours in the list, trade half as much.
                    double trade = Math.Abs(r - s) == 2 ? 0.5 : 1.0;
                    for (int q = 0; q < sectors; q++)
                    {
                        z[i, s * sectors + q] = RegionSize[s] * trade * (r == s ? DomesticFlows[p, q] : ImportFlows[p, q]);
                    }

                    categories[2 * s].Values[i] = RegionSize[s] * trade * (r == s ? HomeHouseholds[p] : ForeignHouseholds[p]);
                    categories[(2 * s) + 1].Values[i] = RegionSize[s] * trade * (r == s ? HomeGovernment[p] : ForeignGovernment[p]);
                }
            }
        }

        var y = new double[n];
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            foreach (var c in categories)
            {
                y[i] += c.Values[i];
            }

            double intermediate = 0;
            for (int j = 0; j < n; j++)
            {
                intermediate += z[i, j];
            }

            x[i] = intermediate + y[i];
        }

        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = z[i, j] / x[j];
            }
        }

        var sectorList = new List<Sector>();
        var co2 = new double[n];
        var employment = new double[n];
        for (int r = 0; r < regions; r++)
        {
            for (int p = 0; p < sectors; p++)
            {
                sectorList.Add(new Sector(ThreeRegionSectorCodes[p], SectorNames[p], ThreeRegionNames[r]));
                co2[r * sectors + p] = Co2BySector[p] * Co2ByRegion[r];
                employment[r * sectors + p] = EmploymentBySector[p] * EmploymentByRegion[r];
            }
        }

        const string money = "million EUR";
        var stressors = new[]
        {
            new Stressor("CO2", "kt", money, co2, "carbon dioxide emissions", "emissions"),
            new Stressor("Employment", "1000 persons", money, employment, "persons employed", "employment"),
        };
        return new InputOutputTable(
            "three-region test MRIO",
            string.Join(" + ", ThreeRegionNames),
            2020,
            sectorList,
            a,
            y,
            money,
            "basic prices",
            stressors,
            categories.Select(c => new FinalDemandCategory(c.Name, c.Values, c.Region)).ToList(),
            x,
            "TestTables.ThreeRegions");
    }

    /// <summary>
    /// Writes <see cref="ThreeRegions"/> to <paramref name="folder"/> as pymrio text (<see cref="PymrioFolder.Save"/>:
    /// A, Z, Y, x, units and the extension folders "emissions" and "employment") and returns the table written.
    /// </summary>
    public static InputOutputTable WriteThreeRegionsPymrio(string folder)
    {
        var table = ThreeRegions();
        PymrioFolder.Save(table, folder);
        return table;
    }
}
