namespace LieInter.Torch;

/// <summary>How the networks' weights are fitted.</summary>
public enum InvarianceTrainingMethod
{
    /// <summary>Levenberg-Marquardt on the vector of relative invariance residuals (one per scenario and target),
    /// each residual's gradient row from one adjoint solve. For the small networks soft interventions need it
    /// reaches residuals near round-off in tens of steps, where Adam stalls around 1e-4.</summary>
    LevenbergMarquardt,

    /// <summary>Adam on the mean squared relative residual, learning rate divided by 10 at 60% and 85% of the
    /// epochs (the paper's choice).</summary>
    Adam,
}
