using LieInter.Cli.Tables;
using LieInter.Economics;

namespace LieInter.Cli.Design;

/// <summary>What <c>lieinter design</c> runs: which tables, which lambdas, where the results go.</summary>
public sealed record DesignOptions
{
    public required TableRequest Tables { get; init; }

    public string OutputDirectory { get; init; } = DefaultOutput;

    public const string DefaultOutput = "artifacts/ghg-employment";

    /// <summary>"csv" or "json".</summary>
    public string Format { get; init; } = DefaultFormat;

    public const string DefaultFormat = "csv";

    public int LambdaCount { get; init; } = GhgEmploymentOptions.DefaultLambdaCount;

    public double MinMultiplier { get; init; } = GhgEmploymentOptions.DefaultMinMultiplier;

    public double MaxMultiplier { get; init; } = GhgEmploymentOptions.DefaultMaxMultiplier;

    /// <summary>Caps the optimiser's iterations per lambda (null: the design's default).</summary>
    public int? MaxIterationsPerPoint { get; init; }

    /// <summary>Start each point from the LP's global optimum (off: only from the previous point, to compare optimisers).</summary>
    public bool StartFromGlobalOptimum { get; init; } = true;

    /// <summary>The employment change (percent) at which the job lists the sectors cut hardest.</summary>
    public double EmploymentTargetPercent { get; init; } = DefaultEmploymentTargetPercent;

    public const double DefaultEmploymentTargetPercent = -5;

    /// <summary>Usage errors in the numbers, found before anything is loaded.</summary>
    public void Check()
    {
        if (Format is not ("csv" or "json"))
        {
            throw new UsageException($"unknown format '{Format}'; use csv or json");
        }

        if (LambdaCount < 2)
        {
            throw new UsageException($"--lambdas {LambdaCount}: a trade-off path needs at least 2 lambdas");
        }

        if (!(MinMultiplier > 0 && MinMultiplier <= 1))
        {
            throw new UsageException($"--min-multiplier {MinMultiplier}: it must lie in (0, 1] (a multiplier alpha = e^u scales a sector's final demand)");
        }

        if (!(MaxMultiplier >= 1 && double.IsFinite(MaxMultiplier)))
        {
            throw new UsageException($"--max-multiplier {MaxMultiplier}: it must be finite and at least 1 (the reference, alpha = 1, stays in the box)");
        }

        if (!(EmploymentTargetPercent < 0 && EmploymentTargetPercent > -100))
        {
            throw new UsageException($"--employment-target {EmploymentTargetPercent}: give a cut in percent between -100 and 0, e.g. -5");
        }
    }

    /// <summary>Why the box of multipliers leaves nothing to design, or null when it does not.</summary>
    public string? EmptyDesignSpace() =>
        MinMultiplier >= 1
            ? $"--min-multiplier {MinMultiplier}: no sector's final demand can be cut, so emissions cannot fall below the reference; there is nothing to design (choose a bound below 1)"
            : null;
}
