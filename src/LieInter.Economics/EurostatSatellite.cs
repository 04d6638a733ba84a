namespace LieInter.Economics;

/// <summary>A satellite file to attach to a Eurostat SIOT: one row per stressor, one column per industry or product code.</summary>
/// <param name="Path">The CSV file (first column: row name; header: codes such as "A01", "C10-12" or "CPA_A01").</param>
/// <param name="UnitsByRow">Unit of every row to load, by row name (e.g. "CO2_emission" -> "kt CO2"); other rows are skipped.</param>
/// <param name="Description">Provenance, kept on each stressor.</param>
public sealed record EurostatSatellite(string Path, IReadOnlyDictionary<string, string> UnitsByRow, string Description);
