using LieInter.Equilibrium;

namespace LieInter.Torch;

/// <summary>Element <see cref="Element"/> of another override's output, as a length-1 override: the baseline of an
/// MLP that replaces one element. The source must already be bound to the full node (an
/// <see cref="ElementAssignment"/> binds its <see cref="ElementAssignment.Rest"/> first), so binding this does not
/// rebind it.</summary>
public sealed class ElementOf : IAssignmentOverride
{
    private readonly double[] _full;
    private readonly double[] _fullTangent;
    private readonly double[] _w;

    public ElementOf(IAssignmentOverride source, int element, int nodeLength)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        if (element < 0 || element >= nodeLength)
        {
            throw new ArgumentOutOfRangeException(nameof(element), element, $"Element must be in 0..{nodeLength - 1}.");
        }

        Element = element;
        _full = new double[nodeLength];
        _fullTangent = new double[nodeLength];
        _w = new double[nodeLength];
    }

    public IAssignmentOverride Source { get; }

    public int Element { get; }

    public void Bind(OverrideBinding binding)
    {
    }

    public void Evaluate(ReadOnlySpan<double> parents, Span<double> value)
    {
        Source.Evaluate(parents, _full);
        value[0] = _full[Element];
    }

    public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue)
    {
        Source.Jvp(parents, dParents, _full, _fullTangent);
        value[0] = _full[Element];
        dValue[0] = _fullTangent[Element];
    }

    public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents)
    {
        Array.Clear(_w);
        _w[Element] = wValue[0];
        Source.Vjp(parents, _w, wParents);
    }
}
