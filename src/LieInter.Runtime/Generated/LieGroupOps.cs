using System.ComponentModel;
using LieInter.LieGroups;

namespace LieInter.Generated;

/// <summary>Calls a Lie group's static members through a constrained generic, so default interface
/// implementations are reachable and struct groups are specialised (and inlined) by the JIT.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LieGroupOps<TGroup>
    where TGroup : ILieGroup<TGroup>
{
    public static int Dimension => TGroup.Dimension;

    /// <summary>Whether Exp(u) is finite (a finite u can still overflow it: e^800).</summary>
    public static bool ExpIsFinite(ReadOnlySpan<double> u)
    {
        Span<double> element = TGroup.ElementSize <= 64 ? stackalloc double[TGroup.ElementSize] : new double[TGroup.ElementSize];
        TGroup.Exp(u, element);
        foreach (double e in element)
        {
            if (!double.IsFinite(e))
            {
                return false;
            }
        }

        return true;
    }

    public static double Apply(ReadOnlySpan<double> u, double value) => TGroup.Apply(u, value);

    public static double ApplyTangent(ReadOnlySpan<double> u, double value, double dValue, ReadOnlySpan<double> du) =>
        TGroup.ApplyTangent(u, value, dValue, du);

    public static double ApplyAdjoint(ReadOnlySpan<double> u, double value, double bar, Span<double> uBar) =>
        TGroup.ApplyAdjoint(u, value, bar, uBar);
}
