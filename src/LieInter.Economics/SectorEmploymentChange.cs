namespace LieInter.Economics;

/// <summary>A sector among the largest employment reductions at a point.</summary>
/// <param name="Sector">The sector.</param>
/// <param name="EmploymentChange">Its employment change in the data's unit.</param>
/// <param name="Multiplier">Its multiplier alpha_i.</param>
/// <param name="CutByPolicy">True when the policy cut the sector's own demand (alpha_i &lt; 1); false when it lost
/// jobs only through its suppliers and customers.</param>
public sealed record SectorEmploymentChange(Sector Sector, double EmploymentChange, double Multiplier, bool CutByPolicy);
