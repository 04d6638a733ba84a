using LieInter.Equilibrium;

namespace LieInter.Torch;

/// <summary>Replaces one element of a vector node's assignment: element <see cref="Element"/> comes from
/// <see cref="Inner"/> (an override with output length 1, e.g. an <see cref="MlpAssignment"/>), the others from
/// <see cref="Rest"/> (typically the model's own assignment, <see cref="AssignmentBaselines.Original"/>).</summary>
public sealed class ElementAssignment : IAssignmentOverride
{
    private double[] _scratch = [];
    private double[] _restParents = [];
    private double[] _innerValue = new double[1];
    private double[] _innerTangent = new double[1];
    private double[] _innerW = new double[1];

    public ElementAssignment(IAssignmentOverride rest, IAssignmentOverride inner, int element)
    {
        Rest = rest ?? throw new ArgumentNullException(nameof(rest));
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentOutOfRangeException.ThrowIfNegative(element);
        Element = element;
    }

    public IAssignmentOverride Rest { get; }

    public IAssignmentOverride Inner { get; }

    public int Element { get; }

    public void Bind(OverrideBinding binding)
    {
        if (Element >= binding.NodeLength)
        {
            throw new ArgumentOutOfRangeException(nameof(binding), $"Element {Element} is outside node '{binding.Node}' (length {binding.NodeLength}).");
        }

        Rest.Bind(binding);
        Inner.Bind(binding with { NodeLength = 1 });
        _scratch = new double[binding.NodeLength];
        _restParents = new double[binding.ParentLength];
    }

    public void Evaluate(ReadOnlySpan<double> parents, Span<double> value)
    {
        Rest.Evaluate(parents, value);
        Inner.Evaluate(parents, _innerValue);
        value[Element] = _innerValue[0];
    }

    public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue)
    {
        Rest.Jvp(parents, dParents, value, dValue);
        Inner.Jvp(parents, dParents, _innerValue, _innerTangent);
        value[Element] = _innerValue[0];
        dValue[Element] = _innerTangent[0];
    }

    public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents)
    {
        wValue.CopyTo(_scratch);
        _innerW[0] = _scratch[Element];
        _scratch[Element] = 0;
        Rest.Vjp(parents, _scratch, wParents);
        Inner.Vjp(parents, _innerW, _restParents);
        for (int i = 0; i < wParents.Length; i++)
        {
            wParents[i] += _restParents[i];
        }
    }
}
