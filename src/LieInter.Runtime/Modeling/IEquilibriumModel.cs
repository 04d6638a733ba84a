namespace LieInter.Modeling;

/// <summary>
/// A cyclic structural causal model x = f(x; theta, u), implemented by the source generator for every partial
/// class that declares <see cref="NodeAttribute"/> and <see cref="AssignmentAttribute"/> members.
/// </summary>
/// <remarks>
/// <para>The state x is passed explicitly (the node fields are only read and written by
/// <see cref="ReadState"/> and <see cref="WriteState"/>); parameters theta are read from the model's fields;
/// Lie-intervention coordinates u are passed explicitly, <c>u = 0</c> (or an empty span) being the identity.</para>
/// <para>Every output span is overwritten. An empty input direction (dx, dTheta, du) means zero; an empty output
/// cotangent span (wJTheta, wJu) means "not wanted" and that part of the work is skipped.</para>
/// <para>Implementations keep a small reusable workspace, so one instance must not be evaluated from several
/// threads at once; use one model instance per thread for parallel solves.</para>
/// </remarks>
public interface IEquilibriumModel
{
    /// <summary>Nodes, parameters, interventions, causal graph and structure flags, fixed at compile time.</summary>
    ModelSchema Schema { get; }

    /// <summary>Offsets and lengths of nodes, parameters and intervention coordinates for the arrays the model
    /// currently holds. Throws when a vector node or an array parameter is null or inconsistent.</summary>
    ModelLayout GetLayout();

    /// <summary>Copies the node fields into <paramref name="x"/>.</summary>
    void ReadState(Span<double> x);

    /// <summary>Copies <paramref name="x"/> into the node fields.</summary>
    void WriteState(ReadOnlySpan<double> x);

    /// <summary>Copies the parameter fields into <paramref name="theta"/>.</summary>
    void ReadParameters(Span<double> theta);

    /// <summary>Copies <paramref name="theta"/> into the parameter fields (arrays are written in place).</summary>
    void WriteParameters(ReadOnlySpan<double> theta);

    /// <summary>The current value of a parameter field: a boxed double, a double[], a double[,] or a
    /// <see cref="SparseMatrix"/> (arrays are returned, not copied).</summary>
    object GetParameterValue(string name);

    /// <summary>fx = f(x; theta, u).</summary>
    void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> fx);

    /// <summary>Fused forward mode: fx = f(x) and jv = Jx dx + Jtheta dTheta + Ju du, in one pass.</summary>
    void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, ReadOnlySpan<double> dx, ReadOnlySpan<double> dTheta, ReadOnlySpan<double> du, Span<double> fx, Span<double> jv);

    /// <summary>Reverse mode: wJx = w^T Jx, wJTheta = w^T Jtheta, wJu = w^T Ju.</summary>
    void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> u, ReadOnlySpan<double> w, Span<double> wJx, Span<double> wJTheta, Span<double> wJu);

    /// <summary>Row <paramref name="row"/> of Jx: <c>jacobianRow[j] = d f_row / d x_j</c>, at the cost of one element
    /// of f. Used to assemble Jx for direct solves and diagnostics.</summary>
    void JacobianRow(ReadOnlySpan<double> x, ReadOnlySpan<double> u, int row, Span<double> jacobianRow);
}
