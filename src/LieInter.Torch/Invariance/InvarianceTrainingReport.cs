namespace LieInter.Torch;

/// <summary>What a training run did: its method, epochs, final training error, history, time and solves.</summary>
public sealed record InvarianceTrainingReport(InvarianceTrainingMethod Method, int Epochs, double FinalRelativeRmse, IReadOnlyList<double> History, TimeSpan Elapsed, int Solves, int AdjointSolves)
{
    public override string ToString() => $"{Method}: {Epochs} epochs, training relative RMSE {FinalRelativeRmse:E3}, {Solves} solves, {AdjointSolves} adjoint solves, {Elapsed.TotalSeconds:F1} s";
}
