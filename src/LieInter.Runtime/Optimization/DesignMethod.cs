namespace LieInter.Optimization;

/// <summary>How <see cref="LambdaPath.Sweep"/> minimises each point.</summary>
public enum DesignMethod
{
    /// <summary><see cref="TrustRegionL1Optimizer"/>: every L1 term exact, no smoothing, a first-order optimality
    /// measure per point. Needs an <see cref="ISensitivityLayer"/> and terms it can model (linear, quadratic, L1).</summary>
    ExactL1,

    /// <summary>L-BFGS-B, with smoothing continuation of the L1 terms when <see cref="LambdaPathOptions.Continuation"/>
    /// is set: for layers without cheap sensitivities and for any smooth objective.</summary>
    SmoothedLbfgs,
}
