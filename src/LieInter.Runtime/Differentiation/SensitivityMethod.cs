namespace LieInter.Differentiation;

/// <summary>How derivatives of the equilibrium with respect to the intervention coordinates are taken.</summary>
public enum SensitivityMethod
{
    /// <summary>Forward-mode implicit differentiation: (I - Jx) dx = Ju du with the generated JVPs.</summary>
    Tangent,

    /// <summary>Central differences of solved equilibria, (x(u + h) - x(u - h)) / 2h: an independent check.</summary>
    CentralDifference,
}
