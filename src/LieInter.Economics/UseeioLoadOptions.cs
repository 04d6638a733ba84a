namespace LieInter.Economics;

/// <summary>Which matrices and demand vectors of a USEEIO export make up a table.</summary>
public sealed record UseeioLoadOptions
{
    /// <summary>Use the domestic matrix A_d with the "Domestic" demand vectors instead of A with "Complete" ones.</summary>
    public bool Domestic { get; init; }

    /// <summary>
    /// Demand vector ids to add up into y. Default: every "Production" vector of the chosen system, which for the
    /// two-region state models is the state vector plus the rest-of-US vector.
    /// </summary>
    public IReadOnlyList<string>? DemandIds { get; init; }
}
