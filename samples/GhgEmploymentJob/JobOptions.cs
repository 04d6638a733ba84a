using LieInter.Economics;

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

    public int LambdaCount { get; init; } = GhgEmploymentOptions.DefaultLambdaCount;

    public double MinMultiplier { get; init; } = new GhgEmploymentOptions().MinMultiplier;

    public double MaxMultiplier { get; init; } = new GhgEmploymentOptions().MaxMultiplier;

    /// <summary>Caps the optimiser's iterations per lambda (null: the design's default).</summary>
    public int? MaxIterationsPerPoint { get; init; }

    /// <summary>Start each point from the LP's global optimum (off: only from the previous point, to compare optimisers).</summary>
    public bool StartFromGlobalOptimum { get; init; } = true;

    /// <summary>The employment change (percent) at which the job lists the sectors cut hardest.</summary>
    public double EmploymentTargetPercent { get; init; } = -5;
}
