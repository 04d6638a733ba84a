namespace LieInter.Modeling;

/// <summary>Shape of a node: one value, or an array whose length is fixed when the model is bound.</summary>
public enum NodeShape
{
    Scalar,
    Vector,
}
