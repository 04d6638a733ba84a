using System.ComponentModel;
using LieInter.Modeling;

namespace LieInter.Generated;

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
