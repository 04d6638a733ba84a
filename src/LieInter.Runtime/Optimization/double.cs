namespace LieInter.Optimization;

/// <summary>Value and gradient of a function of u, as a delegate (custom delegate type because spans cannot be
/// generic arguments).</summary>
public delegate double GradientFunction(ReadOnlySpan<double> u, Span<double> gradient);
