namespace LieInter.Modeling;

/// <summary>A model's arrays disagree with each other: the generated layout found an array whose length (or rows and
/// columns) differs from what its assignments index it over, for example <c>A</c> 3 x 3 with a node <c>X</c> of
/// length 4 when the assignment of X reads <c>A[i, j]</c> with i and j over X. Thrown before any generated code
/// runs; solvers report it as <see cref="Solvers.SolveExitReason.ShapeMismatch"/>.</summary>
public sealed class ModelShapeException : InvalidOperationException
{
    public ModelShapeException(string modelName, string member, string expected, string actual, string message)
        : base(message + " Make the arrays agree, then call Rebind() on any EquilibriumSystem built on the model.")
    {
        ModelName = modelName;
        Member = member;
        Expected = expected;
        Actual = actual;
    }

    public string ModelName { get; }

    /// <summary>The node or parameter whose shape is wrong.</summary>
    public string Member { get; }

    /// <summary>The shape the assignments need: "length 4" or "4 x 4".</summary>
    public string Expected { get; }

    /// <summary>The shape the member has: "length 3" or "3 x 3".</summary>
    public string Actual { get; }
}
