using LieInter.Optimization;
using LieInter.Solvers;

namespace LieInter.Economics;

/// <summary>Settings of the GHG-versus-employment intervention design (eq. 5 of the paper).</summary>
public sealed record GhgEmploymentOptions
{
    /// <summary>The default number of lambda values on the path (the one place this default is stated).</summary>
    public const int DefaultLambdaCount = 16;

    /// <summary>Bounds on each sector's multiplier alpha_i = e^{u_i}: by default [0.2, 5], so that demand may be cut
    /// to a fifth or raised fivefold, as the paper's alpha = e^u allows; raising a sector is how eq. (5) can absorb jobs
    /// lost elsewhere. Multipliers above 1 can push the spectral radius of diag(alpha) A to 1 or give negative
    /// outputs; such points are refused (no equilibrium, or one with no economic meaning) and the optimiser steps
    /// back. MaxMultiplier = 1 is the one-sided box, where demand can only be cut and the equilibrium only falls.</summary>
    public double MinMultiplier { get; init; } = DefaultMinMultiplier;

    public double MaxMultiplier { get; init; } = DefaultMaxMultiplier;

    public const double DefaultMinMultiplier = 0.2;

    public const double DefaultMaxMultiplier = 5.0;

    /// <summary>Lambda values, largest first. Null: a geometric grid from just above the largest marginal
    /// emissions-per-job ratio at u = 0 (where no intervention pays) down by <see cref="LambdaRange"/>.</summary>
    public IReadOnlyList<double>? Lambdas { get; init; }

    public int LambdaCount { get; init; } = DefaultLambdaCount;

    public double LambdaRange { get; init; } = 60;

    /// <summary>How each point is minimised: exact L1 by default; L-BFGS-B with smoothing continuation on request.</summary>
    public DesignMethod Method { get; init; } = DesignMethod.ExactL1;

    /// <summary>Settings of the exact-L1 trust region (relative optimality tolerance 1e-9 by default).</summary>
    public TrustRegionL1Options TrustRegion { get; init; } = new();

    /// <summary>Smoothing of the L1 term for <see cref="DesignMethod.SmoothedLbfgs"/>, relative to the total reference
    /// employment: |z| is replaced by sqrt(z^2 + w^2) - w, continuation from the initial to the final width. The
    /// reported objective is exact.</summary>
    public double InitialSmoothing { get; init; } = 1e-3;

    public double FinalSmoothing { get; init; } = 1e-7;

    public LbfgsOptions Optimizer { get; init; } = new() { MaxEvaluations = 400, GradientTolerance = 1e-9, RelativeObjectiveTolerance = 1e-12 };

    /// <summary>Also solve eq. (5) as one linear program in x (<see cref="LeontiefDesignProgram"/>) at every point
    /// and report its global optimum beside the optimiser's; a certificate that costs milliseconds on national
    /// tables.</summary>
    public bool CertifyGlobalOptimum { get; init; } = true;

    /// <summary>Keep every output at the sign it has in the reference (see <see cref="GhgEmploymentDesign.OutputSigns"/>):
    /// equilibria beyond are refused and the trust region keeps its steps inside. Off only to study the equilibrium
    /// map itself (its derivatives, say) where a table's near-zero sectors would flip sign.</summary>
    public bool KeepOutputSigns { get; init; } = true;

    /// <summary>Start each point from the linear program's global optimum when it beats the previous point's optimum
    /// (needs <see cref="CertifyGlobalOptimum"/>). The optimiser then confirms first-order optimality of the exact
    /// objective in a step or two instead of descending to a local optimum; turn it off to compare optimisers.</summary>
    public bool StartFromGlobalOptimum { get; init; } = true;

    public EquilibriumSolverOptions? Solver { get; init; }
}
