namespace LieInter.Optimization;

/// <summary>Whether an equilibrium state lies in the region where the model has meaning.</summary>
public delegate bool StatePredicate(ReadOnlySpan<double> state);
