using System.Text;

namespace Recs.Engine.Training;

/// <summary>
/// Assigns dense indices 0, 1, 2, … to external ids in order of first appearance. Looks ids up by their raw UTF-8
/// bytes in an open-addressing table, so a repeated id costs one hash and one byte comparison and no allocation.
/// </summary>
internal sealed class IdTable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<string> _ids = [];
    private byte[] _bytes = new byte[1 << 16];
    private int _bytesUsed;
    private int[] _starts = new int[1024];
    private int[] _slots = new int[2048];   // index + 1 of the id in each slot, 0 when empty
    private int[] _slotHashes = new int[2048];
    private int _lastIndex = -1;

    public int Count => _ids.Count;

    /// <summary>Returns the index of <paramref name="utf8"/>, adding it when new; throws <see cref="DecoderFallbackException"/> when a new id is not valid UTF-8.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        // Ratings files are usually grouped by user, so the previous id is the likeliest match.
        if (_lastIndex >= 0 && utf8.SequenceEqual(Bytes(_lastIndex)))
            return _lastIndex;
        int hash = Hash(utf8);
        int mask = _slots.Length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            int entry = _slots[slot];
            if (entry == 0)
                return Remember(Add(utf8, slot, hash));
            int index = entry - 1;
            if (_slotHashes[slot] == hash && utf8.SequenceEqual(Bytes(index)))
                return Remember(index);
        }
    }

    public string[] ToArray() => [.. _ids];

    private int Remember(int index)
    {
        _lastIndex = index;
        return index;
    }

    private int Add(ReadOnlySpan<byte> utf8, int slot, int hash)
    {
        string id = StrictUtf8.GetString(utf8);
        int index = _ids.Count;
        _ids.Add(id);
        if (_bytesUsed + utf8.Length > _bytes.Length)
            Array.Resize(ref _bytes, System.Math.Max(_bytes.Length * 2, _bytesUsed + utf8.Length));
        if (index + 1 >= _starts.Length)
            Array.Resize(ref _starts, _starts.Length * 2);
        utf8.CopyTo(_bytes.AsSpan(_bytesUsed));
        _bytesUsed += utf8.Length;
        _starts[index + 1] = _bytesUsed;
        _slots[slot] = index + 1;
        _slotHashes[slot] = hash;
        // Keep the table at most half full so probe chains stay short.
        if (2 * _ids.Count > _slots.Length)
            Rehash();
        return index;
    }

    private ReadOnlySpan<byte> Bytes(int index) => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var hashes = new int[slots.Length];
        int mask = slots.Length - 1;
        for (int index = 0; index < _ids.Count; index++)
        {
            int hash = Hash(Bytes(index));
            int slot = hash & mask;
            while (slots[slot] != 0)
                slot = (slot + 1) & mask;
            slots[slot] = index + 1;
            hashes[slot] = hash;
        }
        _slots = slots;
        _slotHashes = hashes;
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }
}
