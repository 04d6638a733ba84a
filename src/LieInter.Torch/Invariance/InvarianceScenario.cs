using LieInter.Modeling;

namespace LieInter.Torch;

/// <summary>One training or evaluation condition: parameter values (set on a fresh model by
/// <see cref="Configure"/>) and the Lie-intervention coordinates of the intervened system. Labels identify
/// scenarios (references and warm starts are cached by label), so they must be unique.</summary>
public sealed record InvarianceScenario(string Label, Action<IEquilibriumModel> Configure, double[] Coordinates);
