using System.Globalization;

namespace LieInter.Economics;

/// <summary>The value of one spreadsheet cell: a number, a string, or empty (booleans read as 0/1).</summary>
public readonly record struct XlsxCell(double? Number, string? Text)
{
    /// <summary>True when the cell holds neither a number nor a non-empty string.</summary>
    public bool IsEmpty => Number is null && string.IsNullOrEmpty(Text);

    /// <summary>The number printed invariantly (round-trip), the text, or the empty string.</summary>
    public override string ToString() => Number?.ToString("R", CultureInfo.InvariantCulture) ?? Text ?? string.Empty;
}
