namespace LieInter.Economics;

/// <summary>A sector (industry or product) of an input-output table.</summary>
/// <param name="Code">Classification code, e.g. "D35" (WIOD), "CPA_C20" (Eurostat), "1111A0" (USEEIO).</param>
/// <param name="Name">Long name.</param>
/// <param name="Region">Region the sector belongs to (a country code, or "US-CA" / "RoUS" in two-region models).</param>
public sealed record Sector(string Code, string Name, string Region)
{
    /// <summary>Region and code, unique within a table.</summary>
    public string Key => $"{Region}/{Code}";

    public override string ToString() => $"{Key} ({Name})";
}

/// <summary>One final-demand category (households, government, exports ...) by sector.</summary>
public sealed class FinalDemandCategory
{
    private readonly double[] _values;

    public FinalDemandCategory(string name, double[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        Name = name;
        _values = (double[])values.Clone();
    }

    public string Name { get; }

    public ReadOnlySpan<double> Values => _values;

    public double[] ToArray() => (double[])_values.Clone();

    public override string ToString() => $"{Name} (sum {_values.Sum():G6})";
}

/// <summary>A value with its unit, printable as "676.3 Mt CO2".</summary>
public readonly record struct Quantity(double Value, string Unit)
{
    public override string ToString() => $"{Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} {Unit}";
}
