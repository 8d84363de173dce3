using System.Globalization;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Appends UTF-8 pieces and invariant-culture numbers to a span sized beforehand; running past its end is a bug in
/// the size bound and throws.
/// </summary>
internal ref struct Utf8Cursor(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    /// <summary>Bytes written so far.</summary>
    public int Written { get; private set; }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[Written..]);
        Written += bytes.Length;
    }

    public void Append(byte b)
    {
        _destination[Written] = b;
        Written++;
    }

    /// <summary>A double as the serialiser writes one: shortest round-trip form.</summary>
    public void Append(double value) => Advance(value.TryFormat(_destination[Written..], out int n, default, CultureInfo.InvariantCulture), n);

    /// <summary>
    /// A double already rounded to four decimals, in the serialiser's shortest round-trip form: for such a value that
    /// is its four-decimal form without trailing zeros, written here with integer arithmetic instead of the general
    /// shortest-digits search. Magnitudes of 10^11 and more, where that stops being the shortest form, and values that
    /// are not finite take the general path.
    /// </summary>
    public void AppendFourDecimals(double rounded)
    {
        if (!(System.Math.Abs(rounded) < 1e11))
        {
            Append(rounded);
            return;
        }
        long units = (long)System.Math.Round(rounded * 10_000);
        if (units == 0)
        {
            Append(double.IsNegative(rounded) ? "-0"u8 : "0"u8);
            return;
        }
        if (units < 0)
        {
            Append((byte)'-');
            units = -units;
        }
        Advance((units / 10_000).TryFormat(_destination[Written..], out int n, default, CultureInfo.InvariantCulture), n);
        int fraction = (int)(units % 10_000);
        if (fraction == 0)
            return;
        int digits = 4;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }
        Append((byte)'.');
        for (int d = digits - 1; d >= 0; d--)
        {
            _destination[Written + d] = (byte)('0' + fraction % 10);
            fraction /= 10;
        }
        Written += digits;
    }

    public void Append(int value) => Advance(value.TryFormat(_destination[Written..], out int n, default, CultureInfo.InvariantCulture), n);

    /// <summary>A float with the given format, as string interpolation of <c>{value:format}</c> writes it.</summary>
    public void Append(float value, ReadOnlySpan<char> format) =>
        Advance(value.TryFormat(_destination[Written..], out int n, format, CultureInfo.InvariantCulture), n);

    private void Advance(bool formatted, int n)
    {
        if (!formatted)
            throw new InvalidOperationException("the body's size bound was too small");
        Written += n;
    }
}
