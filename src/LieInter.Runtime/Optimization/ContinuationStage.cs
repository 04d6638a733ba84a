namespace LieInter.Optimization;

/// <summary>One stage of a smoothing continuation: the width used and what the optimiser did at that width.</summary>
public sealed record ContinuationStage(double SmoothingWidth, double SmoothingErrorBound, OptimizationResult Result);
