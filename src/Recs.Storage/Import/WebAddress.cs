using System.Buffers;
using System.Text;

namespace Recs.Storage.Import;

/// <summary>
/// Decides whether text is an absolute http or https address exactly as <see cref="Uri.TryCreate(string, UriKind, out Uri)"/>
/// (absolute, scheme http or https in any case) does, without building a <see cref="Uri"/> for the plain addresses
/// that exports consist of: a <see cref="Uri"/> per row was a third of what parsing an upload allocated.
/// </summary>
internal static class WebAddress
{
    // Longer plain addresses are left to Uri, which refuses some beyond 65,519 characters.
    private const int MaxPlainLength = 2048;
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    private static readonly SearchValues<char> HostCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

    // Characters Uri takes in a path, query or fragment as they are, without escaping or rewriting them.
    private static readonly SearchValues<char> PathCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?#=&+!$'()*,;:@");

    /// <summary>True when <paramref name="text"/> is an absolute http or https address.</summary>
    public static bool IsHttp(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsPlain(text) || (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http");
    }

    /// <summary>
    /// True for a plain address, every one of which <see cref="Uri"/> accepts: "http://" or "https://" in ASCII of any
    /// case; a host name of dot-separated labels of ASCII letters, digits and inner hyphens whose last label starts with
    /// a letter (so never an IP address) and none of which is punycode; an optional port of one to five digits up to
    /// 65535; then nothing, or a path, query and fragment of characters that need no escaping. False says nothing.
    /// </summary>
    internal static bool IsPlain(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxPlainLength)
            return false;
        ReadOnlySpan<char> rest;
        if (text.Length >= 8 && Ascii.EqualsIgnoreCase(text[..8], "https://"))
            rest = text[8..];
        else if (text.Length >= 7 && Ascii.EqualsIgnoreCase(text[..7], "http://"))
            rest = text[7..];
        else
            return false;
        int hostEnd = rest.IndexOfAnyExcept(HostCharacters);
        if (!IsHostName(hostEnd < 0 ? rest : rest[..hostEnd]))
            return false;
        if (hostEnd < 0)
            return true;
        rest = rest[hostEnd..];
        if (rest[0] == ':')
        {
            int portEnd = rest[1..].IndexOfAnyExceptInRange('0', '9');
            var port = portEnd < 0 ? rest[1..] : rest[1..(portEnd + 1)];
            if (port.Length is 0 or > 5 || int.Parse(port, provider: null) > 65535)
                return false;
            rest = rest[(port.Length + 1)..];
        }
        return rest.IsEmpty || (rest[0] is ('/' or '?' or '#') && !rest.ContainsAnyExcept(PathCharacters));
    }

    private static bool IsHostName(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty || host.Length > MaxHostLength)
            return false;
        ReadOnlySpan<char> label = default;
        while (!host.IsEmpty)
        {
            int dot = host.IndexOf('.');
            label = dot < 0 ? host : host[..dot];
            host = dot < 0 ? [] : host[(dot + 1)..];
            bool punycode = label.Length >= 4 && Ascii.EqualsIgnoreCase(label[..4], "xn--");
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-' || punycode)
                return false;
            if (dot >= 0 && host.IsEmpty)
                return false;
        }
        return char.IsAsciiLetter(label[0]);
    }
}
