using LieInter.Equilibrium;

namespace LieInter.Torch;

/// <summary>Holds chosen elements of a node at set values, the other elements keeping the node's own assignment: a
/// hard intervention on those elements. The trainer pins the invariant node at its unintervened value for its
/// children (the paper's construction); the samples use it for the ideal invariant intervention.</summary>
public sealed class PinnedElements : IAssignmentOverride
{
    private readonly IAssignmentOverride _rest;
    private readonly int[] _elements;
    private readonly double[] _values;
    private double[] _w = [];

    /// <param name="rest">The assignment of the elements that are not pinned (e.g. <see cref="AssignmentBaselines.Original"/>).</param>
    /// <param name="elements">The pinned elements (0 for a scalar node).</param>
    public PinnedElements(IAssignmentOverride rest, params int[] elements)
    {
        _rest = rest ?? throw new ArgumentNullException(nameof(rest));
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.Any(e => e < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(elements), "Pinned elements must be nonnegative.");
        }

        _elements = elements;
        _values = new double[elements.Length];
    }

    /// <summary>Sets the value of the <paramref name="slot"/>-th pinned element.</summary>
    public void SetValue(int slot, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Pinned value {value} is not finite.", nameof(value));
        }

        _values[slot] = value;
    }

    public void Bind(OverrideBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (_elements.Any(e => e >= binding.NodeLength))
        {
            throw new ArgumentOutOfRangeException(nameof(binding), $"A pinned element is outside node '{binding.Node}' (length {binding.NodeLength}).");
        }

        _rest.Bind(binding);
        _w = new double[binding.NodeLength];
    }

    public void Evaluate(ReadOnlySpan<double> parents, Span<double> value)
    {
        _rest.Evaluate(parents, value);
        for (int i = 0; i < _elements.Length; i++)
        {
            value[_elements[i]] = _values[i];
        }
    }

    public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue)
    {
        _rest.Jvp(parents, dParents, value, dValue);
        for (int i = 0; i < _elements.Length; i++)
        {
            value[_elements[i]] = _values[i];
            dValue[_elements[i]] = 0;
        }
    }

    public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents)
    {
        wValue.CopyTo(_w);
        foreach (int e in _elements)
        {
            _w[e] = 0;
        }

        _rest.Vjp(parents, _w, wParents);
    }
}
