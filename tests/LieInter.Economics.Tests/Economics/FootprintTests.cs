using LieInter.Economics;

namespace LieInter.Tests.Economics;

public class FootprintTests
{
    // 2 regions x 2 sectors; every final-demand region buys from both regions, so the block-diagonal Y matters.
    private static readonly string[] Regions = { "r1", "r1", "r2", "r2" };
    private static readonly string[] Codes = { "a", "b", "a", "b" };
    private static readonly double[,] A =
    {
        { 0.10, 0.20, 0.05, 0.02 },
        { 0.15, 0.10, 0.03, 0.08 },
        { 0.04, 0.01, 0.20, 0.10 },
        { 0.02, 0.06, 0.15, 0.25 },
    };

    private static readonly (string Name, string Region, double[] Values)[] Categories =
    {
        ("r1/HH", "r1", new double[] { 30, 20, 5, 4 }),
        ("r1/GOV", "r1", new double[] { 0, 10, 0, 2 }),
        ("r2/HH", "r2", new double[] { 3, 6, 40, 25 }),
    };

    private static readonly double[][] S =
    {
        new[] { 0.5, 1.2, 0.8, 2.0 },   // CO2, kt per million EUR
        new[] { 3.0, 1.0, 4.0, 1.5 },   // water, Mm3 per million EUR
    };

    private static InputOutputTable TwoRegionTable(bool explicitRegions = true)
    {
        int n = 4;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = A[i, j];
            }
        }

        var y = new double[n];
        foreach (var c in Categories)
        {
            for (int i = 0; i < n; i++)
            {
                y[i] += c.Values[i];
            }
        }

        var sectors = Enumerable.Range(0, n).Select(i => new Sector(Codes[i], Codes[i], Regions[i])).ToList();
        var stressors = new[]
        {
            new Stressor("CO2", "kt", "million EUR", S[0]),
            new Stressor("water", "Mm3", "million EUR", S[1]),
        };
        var categories = Categories.Select(c => new FinalDemandCategory(c.Name, c.Values, explicitRegions ? c.Region : null)).ToList();
        return new InputOutputTable("2x2 MRIO", "r1 + r2", null, sectors, a, y, "million EUR", "basic prices", stressors, categories);
    }

    /// <summary>(I - A)^-1 by Gauss-Jordan elimination with partial pivoting, independent of the production LU.</summary>
    private static double[,] Inverse(double[,] m)
    {
        int n = m.GetLength(0);
        var w = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[i, j] = m[i, j];
            }

            w[i, n + i] = 1;
        }

        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(w[r, col]) > Math.Abs(w[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (int k = 0; k < 2 * n; k++)
            {
                (w[col, k], w[pivot, k]) = (w[pivot, k], w[col, k]);
            }

            double d = w[col, col];
            for (int k = 0; k < 2 * n; k++)
            {
                w[col, k] /= d;
            }

            for (int r = 0; r < n; r++)
            {
                if (r != col && w[r, col] != 0)
                {
                    double f = w[r, col];
                    for (int k = 0; k < 2 * n; k++)
                    {
                        w[r, k] -= f * w[col, k];
                    }
                }
            }
        }

        var inv = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                inv[i, j] = w[i, n + j];
            }
        }

        return inv;
    }

    private static double[,] Multiply(double[,] p, double[,] q)
    {
        int rows = p.GetLength(0), inner = p.GetLength(1), cols = q.GetLength(1);
        var r = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double s = 0;
                for (int k = 0; k < inner; k++)
                {
                    s += p[i, k] * q[k, j];
                }

                r[i, j] = s;
            }
        }

        return r;
    }

    private static void Close(double expected, double actual, double relative = 1e-12)
    {
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void FootprintsMatchPymrioFormulasOnHandMadeTwoRegionTable()
    {
        var table = TwoRegionTable();
        var acc = Footprints.Compute(table);
        Assert.Equal(new[] { "r1", "r2" }, acc.Regions);
        Assert.Equal(new[] { "r1", "r2" }, acc.FinalDemandRegions);
        Assert.Equal(new[] { "a", "b" }, acc.Products);

        // pymrio's formulas with explicit matrices: L = inv(I - A), M = S L, x = L y, D_pba = S diag(x),
        // Y_agg = Y summed by region of final demand, Y_diag = diagonalize_columns_to_sectors(Y_agg), D_cba = S L Y_diag.
        int n = 4;
        var iMinusA = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                iMinusA[i, j] = (i == j ? 1 : 0) - A[i, j];
            }
        }

        var l = Inverse(iMinusA);
        var lFromTable = table.LeontiefInverse();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Close(l[i, j], lFromTable[i, j]);
            }
        }

        var sMatrix = new double[2, n];
        for (int k = 0; k < 2; k++)
        {
            for (int j = 0; j < n; j++)
            {
                sMatrix[k, j] = S[k][j];
            }
        }

        var yAgg = new double[n, 2];
        foreach (var c in Categories)
        {
            int col = c.Region == "r1" ? 0 : 1;
            for (int i = 0; i < n; i++)
            {
                yAgg[i, col] += c.Values[i];
            }
        }

        // diagonalize_blocks with blocksize 2: column (s, p) keeps Y_agg[:, s] only in the rows of product p.
        var yDiag = new double[n, 4];
        for (int i = 0; i < n; i++)
        {
            for (int s = 0; s < 2; s++)
            {
                yDiag[i, (s * 2) + (i % 2)] = yAgg[i, s];
            }
        }

        var y = new double[n, 1];
        for (int i = 0; i < n; i++)
        {
            y[i, 0] = yAgg[i, 0] + yAgg[i, 1];
        }

        var m = Multiply(sMatrix, l);
        var x = Multiply(l, y);
        var dCba = Multiply(m, yDiag);
        for (int k = 0; k < 2; k++)
        {
            var a = acc.Stressors[k];
            Assert.Same(table.Stressors[k], a.Stressor);
            double pbaTotal = 0;
            var pbaRegion = new double[2];
            for (int j = 0; j < n; j++)
            {
                Close(m[k, j], a.Multipliers[j]);
                double pba = S[k][j] * x[j, 0];
                Close(pba, a.ProductionBased[j]);
                pbaTotal += pba;
                pbaRegion[j / 2] += pba;
            }

            var cbaRegion = new double[2];
            for (int col = 0; col < 4; col++)
            {
                Close(dCba[k, col], a.ConsumptionBased[col]);
                cbaRegion[col / 2] += dCba[k, col];
            }

            Close(dCba[k, 1], a.ConsumptionBasedOf("r1", "b"));
            Close(dCba[k, 2], a.ConsumptionBasedOf("r2", "a"));
            for (int r = 0; r < 2; r++)
            {
                Close(pbaRegion[r], a.ProductionByRegion[r]);
                Close(cbaRegion[r], a.ConsumptionByRegion[r]);
            }

            Close(pbaRegion[1], a.ProductionOf("r2").Value);
            Close(cbaRegion[0], a.ConsumptionOf("r1").Value);

            // Identities: the footprints of all regions add up to all production-based amounts, S x.
            Close(pbaTotal, a.ProductionTotal.Value);
            Close(pbaTotal, a.ConsumptionTotal.Value);
            Close(table.StressorTotal(a.Stressor.Name).Value, a.ConsumptionTotal.Value);
            Assert.Equal(a.Stressor.Unit, a.ConsumptionTotal.Unit);
        }

        Assert.Equal("kt per million EUR of final demand", acc["CO2"].MultiplierUnit);
        Assert.Same(acc.Stressors[1], acc["water"]);
        // A region buying more from the dirtier region carries a footprint that differs from its territorial amount.
        Assert.NotEqual(acc["CO2"].ProductionOf("r1").Value, acc["CO2"].ConsumptionOf("r1").Value, 6);
    }

    [Fact]
    public void RegionOfFinalDemandComesFromTheCategoryOrItsName()
    {
        var named = TwoRegionTable(explicitRegions: false);
        Assert.Null(named.FinalDemandCategories[0].Region);
        Assert.Equal(new[] { "r1", "r1", "r2" }, Enumerable.Range(0, 3).Select(named.FinalDemandRegion));
        var fromNames = Footprints.Compute(named);
        var explicitly = Footprints.Compute(TwoRegionTable());
        Assert.Equal(explicitly["CO2"].ConsumptionBased.ToArray(), fromNames["CO2"].ConsumptionBased.ToArray());

        // A multi-region table whose category says nothing about its region cannot be split by region of final demand.
        var sectors = named.Sectors;
        var unknown = new InputOutputTable(
            "no regions", "r1 + r2", null, sectors, named.TechnicalCoefficients.ToArray(), named.FinalDemand.ToArray(), "million EUR", "basic prices",
            named.Stressors, new[] { new FinalDemandCategory("households", named.FinalDemand.ToArray()) });
        var ex = Assert.Throws<InputOutputDataException>(() => Footprints.Compute(unknown));
        Assert.Contains("'households' has no region", ex.Message);
        Assert.Contains("'r1', 'r2'", ex.Message);
        var noCategories = new InputOutputTable("no categories", "r1 + r2", null, sectors, named.TechnicalCoefficients.ToArray(), named.FinalDemand.ToArray(), "million EUR", "basic prices");
        Assert.Contains("not split into categories", Assert.Throws<InputOutputDataException>(() => noCategories.FinalDemandRegions()).Message);

        Assert.Throws<ArgumentException>(() => new FinalDemandCategory("households", new double[4], " "));
        var acc = explicitly["CO2"];
        Assert.Contains("'r1', 'r2'", Assert.Throws<InputOutputDataException>(() => acc.ConsumptionOf("r3")).Message);
        Assert.Contains("no product 'c'", Assert.Throws<InputOutputDataException>(() => acc.ConsumptionBasedOf("r1", "c")).Message);
        Assert.Contains("no stressor named 'CH4'", Assert.Throws<InputOutputDataException>(() => explicitly["CH4"]).Message);
    }

    [Fact]
    public void SingleRegionTableHasOneFinalDemandRegionAndEqualTotals()
    {
        var sectors = new[] { new Sector("S1", "one", "XX"), new Sector("S2", "two", "XX"), new Sector("S3", "three", "XX") };
        var a = new[] { 0.2, 0.1, 0.05, 0.3, 0.15, 0.2, 0.1, 0.25, 0.1 };
        var hh = new[] { 50.0, 20, 80 };
        var exports = new[] { 10.0, 40, 5 };
        var y = hh.Zip(exports, (p, q) => p + q).ToArray();
        var co2 = new Stressor("CO2", "kt", "million EUR", new[] { 0.3, 1.1, 0.2 });
        var table = new InputOutputTable("one region", "XX", null, sectors, a, y, "million EUR", "basic prices", new[] { co2 },
            new[] { new FinalDemandCategory("households", hh), new FinalDemandCategory("exports", exports) });
        Assert.Equal(new[] { "XX" }, table.Regions);
        Assert.Equal(new[] { "XX" }, table.FinalDemandRegions());
        var acc = Footprints.Compute(table)["CO2"];
        Assert.Equal(new[] { "S1", "S2", "S3" }, Footprints.Compute(table).Products);
        Close(acc.ProductionTotal.Value, acc.ConsumptionTotal.Value);
        Close(table.StressorTotal("CO2").Value, acc.ConsumptionByRegion[0]);
        for (int p = 0; p < 3; p++)
        {
            // One region of final demand and one sector per product: D_cba = M diag(y).
            Close(acc.Multipliers[p] * y[p], acc.ConsumptionBased[p]);
        }
    }

    [Fact]
    public void HandMadePymrioFolderFootprintsBalance()
    {
        using var tmp = new TempFolder();
        PymrioAndCsvLayoutTests.WriteHandMadePymrio(tmp, "mrio", withA: false);
        var table = PymrioFolder.Load(tmp.Combine("mrio"));
        Assert.Equal(new[] { "r1", "r1", "r2", "r2" }, table.FinalDemandCategories.Select(c => c.Region));
        Assert.Equal(new[] { "r1", "r2" }, table.FinalDemandRegions());
        var acc = Footprints.Compute(table)["emission_type1"];
        Close(100, acc.ProductionTotal.Value);                 // sum of F.txt
        Close(10 + 20, acc.ProductionOf("r1").Value);
        Close(100, acc.ConsumptionTotal.Value, 1e-10);         // the reported output balances: x = L y
    }
}
