namespace LieInter.Modeling;

/// <summary>What a Lie intervention target refers to.</summary>
public enum InterventionTargetKind
{
    /// <summary>The group acts on the value returned by the node's assignment.</summary>
    NodeAssignment,

    /// <summary>The group acts on every read of the parameter's value(s).</summary>
    Parameter,
}
