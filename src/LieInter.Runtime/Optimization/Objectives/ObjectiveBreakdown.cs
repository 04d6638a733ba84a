namespace LieInter.Optimization;

/// <summary>The exact parts of an objective at one point.</summary>
/// <param name="Objective">Exact weighted total.</param>
/// <param name="SurrogateObjective">The minimised (smoothed) weighted total.</param>
/// <param name="Parts">Exact value of each term by name, unweighted.</param>
/// <param name="State">The equilibrium x*(u).</param>
public sealed record ObjectiveBreakdown(double Objective, double SurrogateObjective, IReadOnlyDictionary<string, double> Parts, double[] State);
