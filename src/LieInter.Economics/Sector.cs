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
