namespace LieInter.Solvers;

/// <summary>Applies a linear operator: result = A v.</summary>
public delegate void LinearOperator(ReadOnlySpan<double> v, Span<double> result);
