namespace LieInter.Optimization;

/// <summary>A pair of neighbouring lambdas (larger, smaller) where the trade-off moved the wrong way by
/// <paramref name="Amount"/>, more than <paramref name="Tolerance"/>.</summary>
public sealed record MonotonicityViolation(double LargerLambda, double SmallerLambda, PathQuantity Quantity, double Amount, double Tolerance);
