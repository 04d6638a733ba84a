namespace LieInter.Economics;

/// <summary>
/// A satellite account row (stressor): an amount per unit of sector output, e.g. kt CO2 per million USD or jobs per
/// USD. Totals are intensity times output. Stressors are looked up by <see cref="Name"/> (or an alias), never by row
/// number.
/// </summary>
public sealed class Stressor
{
    private readonly double[] _intensity;

    /// <param name="name">Unique name within a table, e.g. "CO2", "GHG", "EMP".</param>
    /// <param name="unit">Unit of the amount, e.g. "kt CO2", "1000 persons", "kg CO2 eq".</param>
    /// <param name="outputUnit">Unit of sector output the intensity is per, e.g. "million USD".</param>
    /// <param name="intensity">Amount per unit of output, one entry per sector.</param>
    /// <param name="description">Long name or provenance.</param>
    /// <param name="group">Extension or account the row came from (pymrio extension name, "Impact Potential" ...).</param>
    /// <param name="aliases">Other names the row may be looked up by (e.g. the indicator's long name).</param>
    public Stressor(string name, string unit, string outputUnit, double[] intensity, string? description = null, string? group = null, IEnumerable<string>? aliases = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(outputUnit);
        ArgumentNullException.ThrowIfNull(intensity);
        Name = name;
        Unit = unit;
        OutputUnit = outputUnit;
        _intensity = (double[])intensity.Clone();
        Description = description;
        Group = group;
        Aliases = aliases?.Where(a => !string.IsNullOrWhiteSpace(a) && a != name).Distinct().ToArray() ?? Array.Empty<string>();
    }

    public string Name { get; }

    public string Unit { get; }

    public string OutputUnit { get; }

    /// <summary>Unit of <see cref="Intensity"/>: "kt CO2 per million USD".</summary>
    public string IntensityUnit => $"{Unit} per {OutputUnit}";

    public string? Description { get; }

    public string? Group { get; }

    public IReadOnlyList<string> Aliases { get; }

    public ReadOnlySpan<double> Intensity => _intensity;

    public int Length => _intensity.Length;

    public double[] ToArray() => (double[])_intensity.Clone();

    /// <summary>Total amount for the given sector outputs: sum_j intensity_j * x_j, in <see cref="Unit"/>.</summary>
    public Quantity Total(ReadOnlySpan<double> output)
    {
        if (output.Length != _intensity.Length)
        {
            throw new ArgumentException($"Stressor '{Name}' has {_intensity.Length} sectors but the output vector has {output.Length}.", nameof(output));
        }

        double s = 0;
        for (int j = 0; j < output.Length; j++)
        {
            s += _intensity[j] * output[j];
        }

        return new Quantity(s, Unit);
    }

    /// <summary>Amount by sector for the given outputs, in <see cref="Unit"/>.</summary>
    public double[] AmountsBySector(ReadOnlySpan<double> output)
    {
        if (output.Length != _intensity.Length)
        {
            throw new ArgumentException($"Stressor '{Name}' has {_intensity.Length} sectors but the output vector has {output.Length}.", nameof(output));
        }

        var r = new double[output.Length];
        for (int j = 0; j < r.Length; j++)
        {
            r[j] = _intensity[j] * output[j];
        }

        return r;
    }

    internal Stressor WithIntensity(double[] intensity) => new(Name, Unit, OutputUnit, intensity, Description, Group, Aliases);

    internal bool Matches(string name) =>
        string.Equals(Name, name, StringComparison.Ordinal) || Aliases.Any(a => string.Equals(a, name, StringComparison.Ordinal));

    internal bool MatchesIgnoreCase(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))
        || (Group is not null && string.Equals($"{Group}:{Name}", name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Description is null ? $"{Name} [{IntensityUnit}]" : $"{Name} ({Description}) [{IntensityUnit}]";
}
