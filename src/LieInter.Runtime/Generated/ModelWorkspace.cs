using System.ComponentModel;

namespace LieInter.Generated;

/// <summary>Reusable buffers of one model instance for generated code: the adjoint tape, zero directions and
/// scratch outputs. Grows on first use, then allocates nothing.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModelWorkspace
{
    private double[] _zeros = [];
    private double[] _scratch = [];

    /// <summary>Stack of primal values overwritten inside loops that the adjoint sweep needs back.</summary>
    public double[] Tape = new double[64];

    /// <summary>Doubles the tape (called when a push finds it full) and returns it.</summary>
    public double[] GrowTape()
    {
        Array.Resize(ref Tape, Tape.Length * 2);
        return Tape;
    }

    /// <summary>A read-only span of <paramref name="length"/> zeros (an absent direction).</summary>
    public ReadOnlySpan<double> Zeros(int length)
    {
        if (_zeros.Length < length)
        {
            _zeros = new double[Math.Max(length, 2 * _zeros.Length)];
        }

        return _zeros.AsSpan(0, length);
    }

    /// <summary>A cleared writable span of <paramref name="length"/> doubles (an output the caller did not ask for).</summary>
    public Span<double> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new double[Math.Max(length, 2 * _scratch.Length)];
        }

        var s = _scratch.AsSpan(0, length);
        s.Clear();
        return s;
    }

    private double[][] _hoisted = [];

    /// <summary>Buffer <paramref name="slot"/> of at least <paramref name="length"/> doubles (not cleared): the
    /// row products a whole matrix-vector pass computes before the element loop, or the adjoint coefficients it
    /// gathers for the transposed pass after it.</summary>
    public Span<double> Hoisted(int slot, int length)
    {
        if (_hoisted.Length <= slot)
        {
            Array.Resize(ref _hoisted, slot + 1);
        }

        if (_hoisted[slot] is not { } b || b.Length < length)
        {
            _hoisted[slot] = b = new double[length];
        }

        return b.AsSpan(0, length);
    }

    /// <summary>Buffer <paramref name="slot"/> as the last <see cref="Hoisted(int, int)"/> sized it.</summary>
    public Span<double> Hoisted(int slot) => _hoisted[slot];
}
