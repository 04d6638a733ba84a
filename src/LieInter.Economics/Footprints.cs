using System.Globalization;

namespace LieInter.Economics;

/// <summary>
/// Footprint accounts of every stressor of a table, as pymrio's <c>calc_all</c> computes them (pymrio.tools.iomath
/// <c>calc_M</c> and <c>calc_accounts</c>), with L = (I - A)^-1 applied by solving with the table's LU rather than
/// formed:
/// <list type="bullet">
/// <item>multipliers M = S L, per unit of final demand for each sector's product;</item>
/// <item>the production-based account D_pba = S diag(x), by producing (region, sector), with x the table's
/// <see cref="InputOutputTable.Output"/>;</item>
/// <item>the consumption-based account D_cba = S L Y_diag, by (region of final demand, product): Y is summed over the
/// final-demand categories of each region (<see cref="InputOutputTable.FinalDemandRegion"/>) and block-diagonalised
/// by product, so D_cba[s, p] = sum over sectors i of product p of M_i Y_agg[i, s];</item>
/// <item>the per-region totals D_pba_reg (by producing region) and D_cba_reg (by region of final demand).</item>
/// </list>
/// Products are the distinct sector codes, in order of first appearance; pymrio requires every region to list the same
/// sectors, and then this is its sector level. Two differences from pymrio: pymrio's D_pba uses x recomputed as
/// L Y_agg, which equals the table's output when the output was solved or the reported output balances; and its
/// D_cba_reg and D_pba_reg add the final-demand extensions F_Y, which these tables do not have. The identities
/// sum D_cba = sum D_pba = S x therefore hold when x = L y.
/// </summary>
public static class Footprints
{
    /// <summary>The accounts of every stressor of <paramref name="table"/> for its own final demand.</summary>
    /// <exception cref="InputOutputDataException">The final demand of a multi-region table cannot be attributed to
    /// regions (see <see cref="InputOutputTable.FinalDemandRegions"/>).</exception>
    public static FootprintAccounts Compute(InputOutputTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int n = table.SectorCount;
        var regions = table.Regions;
        var demandRegions = table.FinalDemandRegions();
        var regionOf = Enumerable.Range(0, n).Select(i => IndexIn(regions, table.SectorRegion(i))).ToArray();
        var products = new List<string>();
        var productIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var productOf = new int[n];
        for (int i = 0; i < n; i++)
        {
            string code = table.Sectors[i].Code;
            if (!productIndex.TryGetValue(code, out productOf[i]))
            {
                productOf[i] = productIndex[code] = products.Count;
                products.Add(code);
            }
        }

        // Y_agg: final demand by supplying sector (rows) and region of final demand (columns), row-major.
        int m = demandRegions.Count;
        var yAgg = new double[n * m];
        var categories = table.FinalDemandCategories;
        if (categories.Count == 0)
        {
            var y = table.FinalDemand;
            for (int i = 0; i < n; i++)
            {
                yAgg[i * m] = y[i];
            }
        }

        for (int c = 0; c < categories.Count; c++)
        {
            int col = IndexIn(demandRegions, table.FinalDemandRegion(c));
            var v = categories[c].Values;
            for (int i = 0; i < n; i++)
            {
                yAgg[i * m + col] += v[i];
            }
        }

        var x = table.Output;
        int p = products.Count;
        var accounts = new List<StressorAccounts>(table.Stressors.Count);
        foreach (var stressor in table.Stressors)
        {
            var s = stressor.Intensity;
            // M = S L as a column: L^T s = (I - A^T)^-1 s, one solve with the transposed LU.
            var multipliers = table.Leontief.SolvePrices(s);
            var pba = new double[n];
            var pbaRegion = new double[regions.Count];
            var cba = new double[m * p];
            for (int i = 0; i < n; i++)
            {
                pba[i] = s[i] * x[i];
                pbaRegion[regionOf[i]] += pba[i];
                for (int r = 0; r < m; r++)
                {
                    cba[r * p + productOf[i]] += multipliers[i] * yAgg[i * m + r];
                }
            }

            var cbaRegion = new double[m];
            for (int r = 0; r < m; r++)
            {
                double sum = 0;
                for (int k = 0; k < p; k++)
                {
                    sum += cba[r * p + k];
                }

                cbaRegion[r] = sum;
            }

            accounts.Add(new StressorAccounts(stressor, table.MonetaryUnit, regions, demandRegions, products, multipliers, pba, cba, pbaRegion, cbaRegion, table.Source));
        }

        return new FootprintAccounts(table, regions, demandRegions, products, accounts);
    }

    private static int IndexIn(IReadOnlyList<string> names, string name)
    {
        for (int k = 0; k < names.Count; k++)
        {
            if (string.Equals(names[k], name, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    internal static int Find(IReadOnlyList<string> names, string name, string what, string source)
    {
        ArgumentNullException.ThrowIfNull(name);
        int k = IndexIn(names, name);
        return k >= 0 ? k : throw new InputOutputDataException($"no {what} '{name}'. Available: {InputOutputDataException.ListNames(names)}.", source);
    }
}
