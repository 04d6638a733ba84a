using System.Globalization;
using System.Runtime.CompilerServices;

namespace LieInter.Economics;

/// <summary>
/// Builds an interpolated error message with the invariant culture, so a message reads "2.5" on every machine, not
/// "2,5" under de-DE. Overload resolution prefers a handler parameter to a string one for interpolated arguments, so
/// every <c>new InputOutputDataException($"...")</c> goes through here without naming it.
/// </summary>
[InterpolatedStringHandler]
internal ref struct InvariantMessage
{
    private DefaultInterpolatedStringHandler _inner;

    public InvariantMessage(int literalLength, int formattedCount)
    {
        _inner = new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public void AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);

    public void AppendFormatted<T>(T value, int alignment, string? format) => _inner.AppendFormatted(value, alignment, format);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    public string ToStringAndClear() => _inner.ToStringAndClear();
}
