namespace LieInter.Generators.Emit;

/// <summary>Which derivative sources are switched on in a tangent or adjoint variant.</summary>
internal readonly struct Variant
{
    public Variant(bool state, bool theta, bool u)
    {
        State = state;
        Theta = theta;
        U = u;
    }

    public bool State { get; }

    public bool Theta { get; }

    public bool U { get; }

    public static Variant StateOnly => new(true, false, false);

    public static Variant Full => new(true, true, true);

    /// <summary>State and Lie coordinates, parameters inactive: what intervention design needs.</summary>
    public static Variant StateAndCoordinates => new(true, false, true);
}
