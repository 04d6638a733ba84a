using LieInter.Solvers;

namespace LieInter.Torch;

/// <summary>Settings of <see cref="InvariantInterventionTrainer"/>: method, epochs, learning rate, solver and construction.</summary>
public sealed record InvarianceTrainingOptions
{
    public InvarianceConstruction Construction { get; init; } = InvarianceConstruction.Equilibrium;

    public InvarianceTrainingMethod Method { get; init; } = InvarianceTrainingMethod.LevenbergMarquardt;

    /// <summary>Epoch limit: Levenberg-Marquardt steps (accepted or not) or Adam steps.</summary>
    public int MaxEpochs { get; init; } = 200;

    /// <summary>Stop when the training RMSE of the relative invariance residuals falls below this.</summary>
    public double TargetRelativeRmse { get; init; } = 1e-8;

    /// <summary>Adam learning rate; it is divided by 10 at 60% and again at 85% of the epochs.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Set each network's input normalisation from the parents' values at the reference and plain-Lie
    /// equilibria of the training scenarios (mean and spread), unless <see cref="MlpOptions.InputShift"/> is given.</summary>
    public bool NormalizeInputs { get; init; } = true;

    public EquilibriumSolverOptions? Solver { get; init; }

    /// <summary>Called after each epoch with the epoch and the training RMSE of the relative residuals.</summary>
    public Action<int, double>? Progress { get; init; }
}
