namespace LieInter.Economics;

/// <summary>A value with its unit, printable as "676.3 Mt CO2".</summary>
public readonly record struct Quantity(double Value, string Unit)
{
    public override string ToString() => $"{Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} {Unit}";
}
