using System.Buffers.Binary;
using System.Net;

namespace Recs.Aot.Http.Access;

/// <summary>
/// A client's IP address as one 128-bit value, an IPv4 address in its IPv4-mapped IPv6 form (<c>::ffff:a.b.c.d</c>),
/// so a client reached through an IPv4 socket and through a dual-stack one is the same key. Made, compared and hashed
/// without allocating, unlike <see cref="IPAddress"/>, which is why the rate limiter keys its buckets on it.
/// </summary>
public readonly record struct ClientKey(UInt128 Value)
{
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;

    /// <summary>The key of requests with no peer address (not a TCP connection): they share one bucket.</summary>
    public static ClientKey None { get; } = FromIPv4(uint.MaxValue);

    /// <summary>True for an IPv4 address (however it arrived).</summary>
    public bool IsIPv4 => Value >> 32 == 0xFFFF;

    /// <summary>The key of <paramref name="address"/>; an IPv6 scope id is not part of it.</summary>
    public static ClientKey From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        return written == 4
            ? FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : new ClientKey(BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    /// <summary>The key of the IPv4 address whose four bytes, in network order, read as <paramref name="address"/>.</summary>
    public static ClientKey FromIPv4(uint address) => new(MappedPrefix | address);

    /// <summary>The address again, IPv4 as IPv4.</summary>
    public IPAddress ToAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return IsIPv4 ? new IPAddress(bytes[12..]) : new IPAddress(bytes);
    }

    /// <summary>
    /// Parses a forwarded hop: canonical dotted IPv4 (<c>203.0.113.7</c>, the common case) without allocating, anything
    /// else — IPv6, a port, the legacy IPv4 forms — through <see cref="IPAddress"/> and <see cref="IPEndPoint"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ClientKey key)
    {
        if (TryParseDottedQuad(text, out uint v4))
        {
            key = FromIPv4(v4);
            return true;
        }
        var parsed = IPAddress.TryParse(text, out var bare) ? bare : IPEndPoint.TryParse(text, out var withPort) ? withPort.Address : null;
        key = parsed is null ? None : From(parsed);
        return parsed is not null;
    }

    // Four decimal parts of 0-255 without leading zeros: exactly the strings IPAddress reads the same way. Others
    // ("010.1.1.1" is octal to it, "1.2.3" a three-part form) go to IPAddress itself.
    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        int parts = 0;
        int i = 0;
        while (i <= text.Length && parts < 4)
        {
            int start = i;
            uint part = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
                part = part * 10 + (uint)(text[i++] - '0');
            int digits = i - start;
            if (digits == 0 || part > 255 || (digits > 1 && text[start] == '0'))
                return false;
            address = address << 8 | part;
            parts++;
            if (parts < 4)
            {
                if (i >= text.Length || text[i] != '.')
                    return false;
                i++;
            }
            else if (i != text.Length)
            {
                return false;
            }
        }
        return parts == 4;
    }
}
