using System.Globalization;

namespace LieInter.Economics;

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
