namespace LieInter.LieGroups;

/// <summary>
/// Calls a group's <c>Apply</c>, <c>ApplyTangent</c> and <c>ApplyAdjoint</c> whether the group overrides them or
/// relies on the interface's default implementations. Default static virtual members cannot be named through the
/// concrete type (<c>Affine.Apply</c> does not compile because <see cref="Affine"/> does not override it); they are
/// reachable only through a type parameter constrained to <see cref="ILieGroup{TSelf}"/>, which these methods provide.
/// </summary>
public static class LieAction
{
    /// <summary>Exp(u) . value.</summary>
    public static double Apply<TGroup>(ReadOnlySpan<double> u, double value)
        where TGroup : ILieGroup<TGroup> => TGroup.Apply(u, value);

    /// <summary>Tangent of Exp(u) . value along (dValue, du); an empty du means no change in u.</summary>
    public static double ApplyTangent<TGroup>(ReadOnlySpan<double> u, double value, double dValue, ReadOnlySpan<double> du)
        where TGroup : ILieGroup<TGroup> => TGroup.ApplyTangent(u, value, dValue, du);

    /// <summary>Adds bar * d(Exp(u) . value)/du into uBar (unless empty) and returns bar * d/dvalue.</summary>
    public static double ApplyAdjoint<TGroup>(ReadOnlySpan<double> u, double value, double bar, Span<double> uBar)
        where TGroup : ILieGroup<TGroup> => TGroup.ApplyAdjoint(u, value, bar, uBar);
}
