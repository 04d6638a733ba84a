namespace LieInter.Differentiation;

/// <summary>Each intervention's largest effect inside and outside its compartment (Def. 5), measured by <paramref name="Method"/>.</summary>
public sealed record CrossSensitivityReport(SensitivityMethod Method, IReadOnlyList<CrossSensitivity> Interventions)
{
    public double MaxRatio => Interventions.Count == 0 ? 0 : Interventions.Max(s => s.Ratio);

    public CrossSensitivity this[string intervention] => Interventions.FirstOrDefault(s => s.Intervention == intervention)
        ?? throw new ArgumentException($"No cross-sensitivity was measured for '{intervention}'. Measured: {string.Join(", ", Interventions.Select(s => s.Intervention))}.", nameof(intervention));

    public override string ToString() => string.Join("\n", Interventions.Select(s => s.ToString()));
}
