using System.Text;

namespace Recs.Engine.Training;

/// <summary>Assigns dense indices 0, 1, 2, … to external ids in order of first appearance, looking up raw UTF-8 bytes without allocating for ids already seen.</summary>
internal sealed class IdTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _ids = [];
    private char[] _chars = new char[64];

    public IdTable() => _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _ids.Count;

    /// <summary>Returns the index of <paramref name="utf8"/>, adding it when new; throws <see cref="DecoderFallbackException"/> on invalid UTF-8.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _chars.Length)
            _chars = new char[utf8.Length * 2];
        int length = StrictUtf8.GetChars(utf8, _chars);
        var key = _chars.AsSpan(0, length);
        if (_lookup.TryGetValue(key, out int index))
            return index;
        string id = key.ToString();
        index = _ids.Count;
        _index.Add(id, index);
        _ids.Add(id);
        return index;
    }

    public string[] ToArray() => [.. _ids];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
