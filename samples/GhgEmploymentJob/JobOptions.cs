namespace LieInter.Samples.GhgEmployment;

/// <summary>What the job runs: which tables, which lambdas, where the results go.</summary>
public sealed record JobOptions
{
    /// <summary>"wiod" (national tables of WIOD 2016) or "useeio" (US EPA USEEIO v2.0.1, 2012).</summary>
    public string Dataset { get; init; } = "wiod";

    public IReadOnlyList<string> Countries { get; init; } = ["FRA", "DEU"];

    public IReadOnlyList<int> Years { get; init; } = [2000, 2005, 2010, 2014];

    public string? DataRoot { get; init; }

    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "ghg-employment");

    public string Format { get; init; } = "csv";

    public int LambdaCount { get; init; } = 16;

    public double MinMultiplier { get; init; } = 0.2;

    /// <summary>The employment change (percent) at which the job lists the sectors cut hardest.</summary>
    public double EmploymentTargetPercent { get; init; } = -5;
}
