using LieInter.Economics;

namespace LieInter.Tests.Economics;

public class RegionBlockTests
{
    [Fact]
    public void ThreeRegionTableRoundTripsThroughPymrioWithRegionsOfFinalDemand()
    {
        using var tmp = new TempFolder();
        var original = TestTables.WriteThreeRegionsPymrio(tmp.Combine("mrio"));
        var loaded = PymrioFolder.Load(tmp.Combine("mrio"));
        PymrioAndCsvLayoutTests.AssertSameTable(original, loaded, compareNames: true);
        Assert.Equal(new[] { "DE", "FR", "CN" }, loaded.Regions);
        Assert.Equal(new[] { "DE", "FR", "CN" }, loaded.FinalDemandRegions());
        Assert.Equal(new[] { "DE/HH", "DE/GOV", "FR/HH", "FR/GOV", "CN/HH", "CN/GOV" }, loaded.FinalDemandCategories.Select(c => c.Name));
        Assert.Equal(original.FinalDemandCategories.Select(c => c.Region), loaded.FinalDemandCategories.Select(c => c.Region));
        Assert.Equal("kt", loaded.GetStressor("CO2").Unit);
        Assert.Equal("1000 persons", loaded.GetStressor("Employment").Unit);
        Assert.Equal("kt per million EUR", loaded.GetStressor("CO2").IntensityUnit);
        Assert.True(loaded.SolveOutput().Zip(loaded.ReportedOutput.ToArray(), (s, r) => Math.Abs(s - r) / r).Max() < 1e-12);
    }

    [Fact]
    public void RegionBlocksReproduceOutputAndShareTheTotals()
    {
        using var tmp = new TempFolder();
        TestTables.WriteThreeRegionsPymrio(tmp.Combine("mrio"));
        var table = PymrioFolder.Load(tmp.Combine("mrio"));
        var accounts = Footprints.Compute(table);
        var x = table.Output.ToArray();
        var blockSums = new Dictionary<string, double> { ["CO2"] = 0, ["Employment"] = 0 };
        foreach (string region in table.Regions)
        {
            var block = table.RegionBlock(region);
            var rows = Enumerable.Range(0, table.SectorCount).Where(i => table.Sectors[i].Region == region).ToArray();
            Assert.Equal(rows.Select(i => table.Sectors[i].Key), block.Sectors.Select(s => s.Key));
            Assert.Equal(region, block.Region);
            Assert.Equal(new[] { region }, block.Regions);
            Assert.Equal(new[] { region }, block.FinalDemandRegions());

            var solved = block.SolveOutput();
            for (int k = 0; k < rows.Length; k++)
            {
                Assert.True(Math.Abs(solved[k] - x[rows[k]]) <= 1e-10 * x[rows[k]], $"{region}: block output {solved[k]:R} vs {x[rows[k]]:R}");
                Assert.Equal(x[rows[k]], block.ReportedOutput[k]);
                for (int q = 0; q < rows.Length; q++)
                {
                    Assert.Equal(table.Coefficient(rows[k], rows[q]), block.Coefficient(k, q));
                }
            }

            // Domestic categories, then one for exports (intermediate and final deliveries abroad); together y_r.
            Assert.Equal(new[] { $"{region}/HH", $"{region}/GOV", "exports (deliveries to other regions, intermediate and final)" }, block.FinalDemandCategories.Select(c => c.Name));
            for (int k = 0; k < rows.Length; k++)
            {
                double abroad = 0;
                for (int j = 0; j < table.SectorCount; j++)
                {
                    abroad += table.Sectors[j].Region == region ? 0 : table.Coefficient(rows[k], j) * x[j];
                }

                for (int c = 0; c < table.FinalDemandCategories.Count; c++)
                {
                    abroad += table.FinalDemandRegion(c) == region ? 0 : table.FinalDemandCategories[c].Values[rows[k]];
                }

                Assert.Equal(abroad, block.FinalDemandCategories[2].Values[k], 1e-9);
                Assert.Equal(table.FinalDemandCategories.Single(c => c.Name == $"{region}/HH").Values[rows[k]], block.FinalDemandCategories[0].Values[k]);
            }

            foreach (string name in new[] { "CO2", "Employment" })
            {
                double blockTotal = block.StressorTotal(name).Value;
                double share = rows.Sum(i => table.GetStressor(name).Intensity[i] * x[i]);
                Assert.Equal(share, blockTotal, 1e-9);
                Assert.Equal(accounts[name].ProductionOf(region).Value, blockTotal, 1e-9);
                Assert.Equal(table.GetStressor(name).Unit, block.GetStressor(name).Unit);
                blockSums[name] += blockTotal;

                // The block is a single-region table: its footprint of its own final demand (exports included) is its total.
                var blockAccounts = Footprints.Compute(block)[name];
                Assert.Equal(blockTotal, blockAccounts.ConsumptionTotal.Value, 1e-9);
            }
        }

        foreach (var (name, sum) in blockSums)
        {
            double total = table.StressorTotal(name).Value;
            Assert.True(Math.Abs(sum - total) <= 1e-12 * total, $"{name}: blocks add up to {sum:R}, table total {total:R}");
            // The regions' footprints add up to the same total, though each differs from its territorial amount.
            Assert.True(Math.Abs(accounts[name].ConsumptionTotal.Value - total) <= 1e-10 * total);
        }
    }

    [Fact]
    public void UnknownRegionListsTheKnownOnes()
    {
        var table = TestTables.ThreeRegions();
        var ex = Assert.Throws<InputOutputDataException>(() => table.RegionBlock("US"));
        Assert.Contains("no region 'US'", ex.Message);
        Assert.Contains("'DE', 'FR', 'CN'", ex.Message);
    }

    [Fact]
    public void SingleRegionTableIsItsOwnBlock()
    {
        var sectors = new[] { new Sector("S1", "one", "XX"), new Sector("S2", "two", "XX") };
        var table = new InputOutputTable("one region", "XX", null, sectors, new[] { 0.15, 0.25, 0.20, 0.05 }, new[] { 350.0, 1700 }, "million EUR", "basic prices",
            finalDemandCategories: new[] { new FinalDemandCategory("households", new[] { 300.0, 1500 }), new FinalDemandCategory("exports", new[] { 50.0, 200 }) });
        var block = table.RegionBlock("XX");
        Assert.Equal(table.FinalDemand.ToArray(), block.FinalDemand.ToArray());
        Assert.Equal(new[] { "households", "exports", "exports (deliveries to other regions, intermediate and final)" }, block.FinalDemandCategories.Select(c => c.Name));
        Assert.Equal(new[] { 0.0, 0.0 }, block.FinalDemandCategories[2].ToArray());
        Assert.Equal(1000, block.SolveOutput()[0], 9);
    }
}
