namespace LieInter.Optimization;

/// <summary>Progress of a lambda path: point <paramref name="Index"/> (0-based) of <paramref name="Count"/> is done.</summary>
public sealed record LambdaPathProgress(int Index, int Count, LambdaPathPoint Point, TimeSpan Elapsed);
