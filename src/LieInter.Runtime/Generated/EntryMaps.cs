using System.Numerics;

namespace LieInter.Generated;

/// <summary>An entry-wise map applied inside a kernel loop (<see cref="Kernels.Dot{TMap}"/>), as a struct so the JIT
/// specialises the loop for it.</summary>
internal interface IEntryMap
{
    static abstract double Map(double value);

    static abstract Vector<double> Map(Vector<double> value);
}

/// <summary>The entries as they are.</summary>
internal readonly struct IdentityMap : IEntryMap
{
    public static double Map(double value) => value;

    public static Vector<double> Map(Vector<double> value) => value;
}

/// <summary>|a|, for products with |A| (Collatz-Wielandt bounds on the spectral radius).</summary>
internal readonly struct AbsoluteMap : IEntryMap
{
    public static double Map(double value) => Math.Abs(value);

    public static Vector<double> Map(Vector<double> value) => Vector.Abs(value);
}
