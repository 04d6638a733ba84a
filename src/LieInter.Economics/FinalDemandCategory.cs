namespace LieInter.Economics;

/// <summary>
/// One final-demand category (households, government, exports ...) by supplying sector, optionally with the region
/// whose final demand it is (pymrio's Y has one column per region and category).
/// </summary>
public sealed class FinalDemandCategory
{
    private readonly double[] _values;

    /// <param name="name">Name, e.g. "households" or, as pymrio's loader names multi-region columns, "DEU/households".</param>
    /// <param name="values">Demand for each sector's product, in the table's sector order.</param>
    /// <param name="region">
    /// Region of final demand (the consumer, not the supplier), or null when the source does not say; see
    /// <see cref="InputOutputTable.FinalDemandRegion"/> for how a missing region is resolved.
    /// </param>
    public FinalDemandCategory(string name, double[] values, string? region = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        if (region is not null && string.IsNullOrWhiteSpace(region))
        {
            throw new ArgumentException($"Final-demand category '{name}': the region must be null (unknown) or a non-blank name.", nameof(region));
        }

        Name = name;
        Region = region;
        _values = (double[])values.Clone();
    }

    public string Name { get; }

    /// <summary>Region of final demand as given by the source; null when it did not say.</summary>
    public string? Region { get; }

    public ReadOnlySpan<double> Values => _values;

    public double[] ToArray() => (double[])_values.Clone();

    /// <summary>The same category (name, region) with other values, e.g. restricted to some sectors.</summary>
    internal FinalDemandCategory WithValues(double[] values) => new(Name, values, Region);

    public override string ToString() => $"{Name} (sum {_values.Sum().ToString("G6", System.Globalization.CultureInfo.InvariantCulture)})";
}
