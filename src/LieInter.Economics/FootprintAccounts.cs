namespace LieInter.Economics;

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
