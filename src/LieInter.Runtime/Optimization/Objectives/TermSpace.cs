namespace LieInter.Optimization;

/// <summary>Which vector an objective term reads.</summary>
public enum TermSpace
{
    /// <summary>The equilibrium state x*(u).</summary>
    State,

    /// <summary>The intervention coordinates u.</summary>
    Control,
}
