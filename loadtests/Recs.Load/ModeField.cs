using System.Text;

namespace Recs.Load;

/// <summary>
/// Reads the <c>mode</c> of a recommendation answer without parsing the JSON: the first <c>"mode":"…"</c> in the body
/// (an upload's answer nests its recommendations, whose mode is then the first one).
/// </summary>
internal static class ModeField
{
    private static readonly (byte[] Utf8, string Name)[] Known =
        [.. new[] { "ultra_fast", "computed", "fallback", "error" }.Select(m => (Encoding.UTF8.GetBytes(m), m))];

    /// <summary>The mode's value, the same string instance for the known ones; null when the body has none.</summary>
    public static string? Read(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> key = "\"mode\":\""u8;
        int at = body.IndexOf(key);
        if (at < 0)
            return null;
        var rest = body[(at + key.Length)..];
        int end = rest.IndexOf((byte)'"');
        if (end < 0)
            return null;
        var value = rest[..end];
        foreach (var (utf8, name) in Known)
        {
            if (value.SequenceEqual(utf8))
                return name;
        }
        return Encoding.UTF8.GetString(value);
    }
}
