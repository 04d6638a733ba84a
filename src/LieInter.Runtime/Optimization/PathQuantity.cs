namespace LieInter.Optimization;

/// <summary>Which quantity of the trade-off a <see cref="MonotonicityViolation"/> is about.</summary>
public enum PathQuantity
{
    /// <summary>The loss increased as lambda decreased.</summary>
    Loss,

    /// <summary>The deviation decreased as lambda decreased.</summary>
    Deviation,
}
