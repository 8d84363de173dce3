namespace Recs.Storage.Import;

/// <summary>
/// Counts the bytes read through it and throws the exception <paramref name="tooLarge"/> makes as soon as they pass
/// <paramref name="limit"/>, so a body or a zip entry is refused after reading at most one buffer beyond its cap,
/// whatever size it declares.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long limit, Func<Exception> tooLarge) : ForwardReadStream
{
    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > limit)
        {
            throw tooLarge();
        }
        return read;
    }
}
