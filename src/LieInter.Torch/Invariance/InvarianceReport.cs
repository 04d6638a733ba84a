namespace LieInter.Torch;

/// <summary>Invariance errors over a set of scenarios, in the true intervened system with the learned
/// assignments; one value per scenario and target.</summary>
public sealed record InvarianceReport(double Rmse, double RelativeRmse, double MaxRelativeError, IReadOnlyList<InvarianceValue> Values)
{
    public override string ToString() => $"invariance error over {Values.Count} scenario value(s): RMSE {Rmse:E3}, relative RMSE {RelativeRmse:E3}, largest relative error {MaxRelativeError:E3}";
}
