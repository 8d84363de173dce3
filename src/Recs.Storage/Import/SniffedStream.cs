namespace Recs.Storage.Import;

/// <summary>
/// A stream whose first bytes were read ahead, to tell a zip or gzip from text before choosing a reader, and are
/// returned again before the rest, so nothing has to be buffered or rewound.
/// </summary>
internal sealed class SniffedStream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly byte[] _head;
    private readonly int _headLength;
    private int _replayed;

    private SniffedStream(Stream inner, byte[] head, int headLength)
    {
        _inner = inner;
        _head = head;
        _headLength = headLength;
    }

    /// <summary>The first bytes of the stream: fewer than asked for only when the stream is that short (none when empty).</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    public static SniffedStream Open(Stream inner, int count)
    {
        var head = new byte[count];
        return new SniffedStream(inner, head, inner.ReadAtLeast(head, count, throwOnEndOfStream: false));
    }

    public static async Task<SniffedStream> OpenAsync(Stream inner, int count, CancellationToken ct)
    {
        var head = new byte[count];
        return new SniffedStream(inner, head, await inner.ReadAtLeastAsync(head, count, throwOnEndOfStream: false, ct));
    }

    public override int Read(Span<byte> buffer) => _replayed < _headLength ? Replay(buffer) : _inner.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _replayed < _headLength ? ValueTask.FromResult(Replay(buffer.Span)) : _inner.ReadAsync(buffer, cancellationToken);

    private int Replay(Span<byte> buffer)
    {
        int n = System.Math.Min(buffer.Length, _headLength - _replayed);
        _head.AsSpan(_replayed, n).CopyTo(buffer);
        _replayed += n;
        return n;
    }
}
