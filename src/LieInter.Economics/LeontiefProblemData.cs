namespace LieInter.Economics;

/// <summary>What the intervention-design job needs from a table, with units.</summary>
public sealed record LeontiefProblemData(
    string Table,
    IReadOnlyList<Sector> Sectors,
    double[,] A,
    double[] FinalDemand,
    double[] Output,
    string GhgName,
    double[] GhgIntensity,
    string GhgIntensityUnit,
    string EmploymentName,
    double[] EmploymentIntensity,
    string EmploymentIntensityUnit,
    string MonetaryUnit);
