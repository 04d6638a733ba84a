using System.ComponentModel;
using LieInter.LieGroups;
using LieInter.Modeling;

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

/// <summary>Errors raised by generated code, worded once here.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedErrors
{
    public static InvalidOperationException NullMember(string model, string kind, string member) =>
        new($"{kind} '{member}' of model '{model}' is null; assign it before evaluating the model (a vector node's length is the length of its array).");

    public static ArgumentException Length(string model, string argument, int actual, int expected) =>
        new($"Model '{model}': '{argument}' has {actual} entries but the layout needs {expected}" + (argument is "x" or "theta" or "u"
            ? " (if the model's arrays were replaced or resized, call Rebind() on the EquilibriumSystem built on it)."
            : "."), argument);

    public static ModelShapeException VectorShape(string model, string kind, string member, int expected, int actual, string reason) =>
        new(model, member, $"length {expected}", $"length {actual}", $"{kind} '{member}' of model '{model}' has length {actual} but must have length {expected}: {reason}.");

    public static ModelShapeException MatrixShape(string model, string member, int expectedRows, int expectedColumns, int rows, int columns, string reason) =>
        new(model, member, $"{expectedRows} x {expectedColumns}", $"{rows} x {columns}", $"Parameter '{member}' of model '{model}' is {rows} x {columns} but must be {expectedRows} x {expectedColumns}: {reason}.");

    public static ArgumentOutOfRangeException Row(string model, int row, int stateLength) =>
        new(nameof(row), row, $"Model '{model}': row {row} is outside the state (length {stateLength}).");

    public static ArgumentException UnknownParameter(string model, string name) =>
        new($"Model '{model}' has no parameter named '{name}'.", nameof(name));
}
