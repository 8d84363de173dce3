using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>Hands out bytes a few hundred at a time and cannot seek, as a request body arriving over the network does.</summary>
internal sealed class OneWayStream(byte[] bytes) : ForwardReadStream
{
    private const int MostPerRead = 313;
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        int n = System.Math.Min(System.Math.Min(buffer.Length, MostPerRead), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return Read(buffer.Span);
    }
}
