using System.IO.Pipelines;

namespace Recs.Bench.Http;

/// <summary>
/// A response pipe that counts what is written and throws it away, through one reused buffer: it allocates nothing
/// per request, as Kestrel's own response pipe does not once warm, so the pipeline benchmarks see only the
/// application's and the framework's allocations.
/// </summary>
internal sealed class DiscardingPipeWriter : PipeWriter
{
    private byte[] _buffer = new byte[16 * 1024];

    /// <summary>Bytes advanced since the last <see cref="Reset"/>.</summary>
    public long Written { get; private set; }

    public void Reset() => Written = 0;

    public override void Advance(int bytes) => Written += bytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => Buffer(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => Buffer(sizeHint).Span;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => new(new FlushResult(false, false));

    public override void CancelPendingFlush()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }

    private Memory<byte> Buffer(int sizeHint)
    {
        if (sizeHint > _buffer.Length)
            _buffer = new byte[sizeHint];
        return _buffer;
    }
}
