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

/// <summary>The footprint accounts of all stressors of one table (see <see cref="Footprints"/>).</summary>
public sealed class FootprintAccounts
{
    private readonly InputOutputTable _table;
    private readonly StressorAccounts[] _stressors;

    internal FootprintAccounts(InputOutputTable table, IReadOnlyList<string> regions, IReadOnlyList<string> finalDemandRegions, IReadOnlyList<string> products, IReadOnlyList<StressorAccounts> stressors)
    {
        _table = table;
        Regions = regions.ToArray();
        FinalDemandRegions = finalDemandRegions.ToArray();
        Products = products.ToArray();
        _stressors = stressors.ToArray();
    }

    /// <summary>The table's sectors: the index of <see cref="StressorAccounts.Multipliers"/> and <see cref="StressorAccounts.ProductionBased"/>.</summary>
    public IReadOnlyList<Sector> Sectors => _table.Sectors;

    /// <summary>Producing regions (<see cref="InputOutputTable.Regions"/>): the index of <see cref="StressorAccounts.ProductionByRegion"/>.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Regions of final demand: the first index of the consumption-based account and of <see cref="StressorAccounts.ConsumptionByRegion"/>.</summary>
    public IReadOnlyList<string> FinalDemandRegions { get; }

    /// <summary>Products (distinct sector codes, in table order): the second index of the consumption-based account.</summary>
    public IReadOnlyList<string> Products { get; }

    /// <summary>One entry per stressor of the table, in the table's order.</summary>
    public IReadOnlyList<StressorAccounts> Stressors => _stressors;

    /// <summary>The accounts of a stressor, looked up as <see cref="InputOutputTable.GetStressor"/> does (the error lists the names).</summary>
    public StressorAccounts this[string stressorName]
    {
        get
        {
            var stressor = _table.GetStressor(stressorName);
            return _stressors.First(a => ReferenceEquals(a.Stressor, stressor));
        }
    }
}

/// <summary>
/// One stressor's accounts (see <see cref="Footprints"/>). Amounts are in the stressor's <see cref="Stressor.Unit"/>;
/// multipliers are per unit of final demand (the table's monetary unit).
/// </summary>
public sealed class StressorAccounts
{
    private readonly double[] _multipliers;
    private readonly double[] _pba;
    private readonly double[] _cba;
    private readonly double[] _pbaRegion;
    private readonly double[] _cbaRegion;
    private readonly IReadOnlyList<string> _regions;
    private readonly IReadOnlyList<string> _demandRegions;
    private readonly IReadOnlyList<string> _products;
    private readonly string _source;

    internal StressorAccounts(
        Stressor stressor,
        string monetaryUnit,
        IReadOnlyList<string> regions,
        IReadOnlyList<string> demandRegions,
        IReadOnlyList<string> products,
        double[] multipliers,
        double[] pba,
        double[] cba,
        double[] pbaRegion,
        double[] cbaRegion,
        string source)
    {
        Stressor = stressor;
        MultiplierUnit = $"{stressor.Unit} per {monetaryUnit} of final demand";
        _regions = regions;
        _demandRegions = demandRegions;
        _products = products;
        _multipliers = multipliers;
        _pba = pba;
        _cba = cba;
        _pbaRegion = pbaRegion;
        _cbaRegion = cbaRegion;
        _source = source;
    }

    /// <summary>The table's stressor these accounts are of.</summary>
    public Stressor Stressor { get; }

    /// <summary>Unit of <see cref="Multipliers"/>, e.g. "kt per million EUR of final demand".</summary>
    public string MultiplierUnit { get; }

    /// <summary>M = S L by sector: the amount, along the whole supply chain, per unit of final demand for the sector's product.</summary>
    public ReadOnlySpan<double> Multipliers => _multipliers;

    /// <summary>D_pba = S diag(x) by (region, sector) in table order: the amount each sector emits or uses itself.</summary>
    public ReadOnlySpan<double> ProductionBased => _pba;

    /// <summary>
    /// D_cba = S L Y_diag, row-major by (region of final demand, product): entry r * P + p, with P the number of
    /// products (<see cref="FootprintAccounts.Products"/>). The amount, wherever it occurs, caused by region r's final
    /// demand for product p from all regions.
    /// </summary>
    public ReadOnlySpan<double> ConsumptionBased => _cba;

    /// <summary>D_pba_reg: <see cref="ProductionBased"/> summed by producing region (<see cref="FootprintAccounts.Regions"/>).</summary>
    public ReadOnlySpan<double> ProductionByRegion => _pbaRegion;

    /// <summary>D_cba_reg: <see cref="ConsumptionBased"/> summed over products, by region of final demand (<see cref="FootprintAccounts.FinalDemandRegions"/>).</summary>
    public ReadOnlySpan<double> ConsumptionByRegion => _cbaRegion;

    /// <summary>D_cba for one region of final demand and one product; unknown names are an error that lists the known ones.</summary>
    public double ConsumptionBasedOf(string finalDemandRegion, string product) =>
        _cba[(Footprints.Find(_demandRegions, finalDemandRegion, "region of final demand", _source) * _products.Count) + Footprints.Find(_products, product, "product", _source)];

    /// <summary>The production-based (territorial) total of one producing region.</summary>
    public Quantity ProductionOf(string region) => new(_pbaRegion[Footprints.Find(_regions, region, "region", _source)], Stressor.Unit);

    /// <summary>The consumption-based total (footprint) of one region of final demand.</summary>
    public Quantity ConsumptionOf(string finalDemandRegion) => new(_cbaRegion[Footprints.Find(_demandRegions, finalDemandRegion, "region of final demand", _source)], Stressor.Unit);

    /// <summary>Sum of <see cref="ProductionBased"/>: S x.</summary>
    public Quantity ProductionTotal => new(_pbaRegion.Sum(), Stressor.Unit);

    /// <summary>Sum of <see cref="ConsumptionBased"/>: S L y, equal to <see cref="ProductionTotal"/> when x = L y.</summary>
    public Quantity ConsumptionTotal => new(_cbaRegion.Sum(), Stressor.Unit);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Stressor.Name}: production-based {ProductionTotal}, consumption-based {ConsumptionTotal}");
}
