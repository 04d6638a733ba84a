namespace LieInter.Differentiation;

/// <summary>One intervention's largest effect inside its own compartment and outside it.</summary>
public sealed record CrossSensitivity(string Intervention, string Compartment, double OwnMax, string OwnNode, double CrossMax, string CrossNode)
{
    /// <summary>CrossMax / OwnMax: 0 for perfectly compartmentalized interventions (Def. 5).</summary>
    public double Ratio => OwnMax > 0 ? CrossMax / OwnMax : CrossMax == 0 ? 0 : double.PositiveInfinity;

    public override string ToString() =>
        $"{Intervention} (on {Compartment}): largest |dx/du| inside {OwnMax:E3} at {OwnNode}, outside {CrossMax:E3} at {CrossNode}, ratio {Ratio:E3}";
}
