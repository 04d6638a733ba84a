using LieInter;

namespace PackageConsumer;

/// <summary>Deliberately wrong: Math.Abs is not smooth (LIE0101), and the cycle Y -> Z -> Y has no declared
/// solvability condition (LIE0201).</summary>
public partial class WrongModel
{
    [Parameter] public double Alpha = 0.5;
    [Node] public double X, Y, Z;

    [Assignment(nameof(X))] double AssignX() => Math.Abs(Alpha - 1.0);
    [Assignment(nameof(Y))] double AssignY() => Alpha * X + 0.5 * Z;
    [Assignment(nameof(Z))] double AssignZ() => 0.8 * Y;
}
