namespace LieInter.Torch;

/// <summary>How the training graph is built (Sec. 4 of the paper, "Learning invariant interventions").</summary>
public enum InvarianceConstruction
{
    /// <summary>Train in the intervened system itself: the auxiliary assignment is the MLP, the residual is
    /// x_j^(u) - x_j^*, gradients pass through the equilibrium by implicit differentiation.</summary>
    Equilibrium,

    /// <summary>The paper's construction: in the intervened layer, arrows out of the invariant node j come from its
    /// unintervened value x_j^* (j is pinned for its children), and the residual is f_j(x) - x_j^* with f_j the
    /// assignment of j (the MLP when j is the auxiliary node). When the residual vanishes, the constructed
    /// equilibrium is an equilibrium of the true intervened system with x_j = x_j^*. Pinning j cuts the feedback
    /// through it, so training is better conditioned; evaluation always uses the true intervened system.</summary>
    IntervenedGraph,
}
