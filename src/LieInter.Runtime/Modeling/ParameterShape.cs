namespace LieInter.Modeling;

/// <summary>Shape of a parameter. Sparse matrices are differentiated with respect to their stored values.</summary>
public enum ParameterShape
{
    Scalar,
    Vector,
    Matrix,
    SparseMatrix,
}
