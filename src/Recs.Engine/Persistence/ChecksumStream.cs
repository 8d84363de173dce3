using System.IO.Hashing;

namespace Recs.Engine.Persistence;

/// <summary>
/// A forward-only pass-through stream that keeps the CRC-32 (IEEE) of every byte read or written through it, so a
/// snapshot is checksummed while it streams instead of being held whole in memory first.
/// </summary>
internal sealed class ChecksumStream(Stream inner) : Stream
{
    private readonly Crc32 _crc = new();
    private long _position;

    /// <summary>The CRC-32 of the bytes passed so far.</summary>
    public uint Checksum => _crc.GetCurrentHashAsUInt32();

    /// <summary>Bytes left in the underlying stream, for checking a length prefix before allocating for it.</summary>
    public long Remaining => inner.Length - inner.Position;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        _crc.Append(buffer[..read]);
        _position += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        _crc.Append(buffer);
        _position += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
