namespace LieInter.Modeling;

/// <summary>How the elements of a child node depend on the elements of a parent node, as read off the code.</summary>
public enum ElementDependencyKind
{
    /// <summary>Both nodes are scalars.</summary>
    Scalar,

    /// <summary>Scalar parent, vector child: every element reads it.</summary>
    Broadcast,

    /// <summary>Vector parent, scalar child: the child reads (possibly) every element.</summary>
    Reduction,

    /// <summary>Child element i reads parent elements i + k for the listed offsets k.</summary>
    Banded,

    /// <summary>Child element i reads parent elements through a sparse parameter's column indices for row i.</summary>
    SparseRows,

    /// <summary>Child element i may read any parent element.</summary>
    Dense,
}
