using LieInter.Cli.Tables;
using LieInter.Economics;

namespace LieInter.Cli.Design;

/// <summary>One table's trade-off curve.</summary>
public sealed record TableRun(LoadedTable Table, GhgEmploymentDesign Design, IReadOnlyList<TradeOffPoint> Points, bool Monotone, TimeSpan Elapsed)
{
    /// <summary>The path point whose employment change is closest to the target (e.g. -5%).</summary>
    public TradeOffPoint AtEmploymentChange(double targetPercent) =>
        Points.OrderBy(p => Math.Abs(p.EmploymentChangePercent - targetPercent)).First();
}
