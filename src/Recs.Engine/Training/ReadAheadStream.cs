using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Recs.Engine.Training;

/// <summary>
/// A read-only stream that pulls its source on a background task a few chunks ahead of the reader, so that
/// decompressing a gzip file overlaps with parsing it. Owns and disposes the source. Chunks are recycled between the
/// two threads through the stream's own spares (at most the queue's capacity plus two), not a process-wide pool,
/// so they are freed with the stream.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private readonly Stream _source;
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _chunks = new(boundedCapacity: 4);
    private readonly ConcurrentQueue<byte[]> _spares = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private ExceptionDispatchInfo? _error;
    private byte[]? _current;
    private int _offset;
    private int _length;

    public ReadAheadStream(Stream source, int chunkSize)
    {
        _source = source;
        _producer = Task.Run(() => Produce(chunkSize));
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        int copied = 0;
        while (copied < destination.Length)
        {
            if (_current is null || _offset == _length)
            {
                Release();
                if (!_chunks.TryTake(out var chunk, Timeout.Infinite))
                {
                    _error?.Throw();
                    break;
                }
                (_current, _offset, _length) = (chunk.Buffer, 0, chunk.Length);
            }
            int n = System.Math.Min(destination.Length - copied, _length - _offset);
            _current.AsSpan(_offset, n).CopyTo(destination[copied..]);
            _offset += n;
            copied += n;
        }
        return copied;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            // Drain so a producer blocked on a full queue can see the cancellation and finish.
            while (_chunks.TryTake(out _))
            {
                // Dropped: nothing is read any more, and the buffers go with the stream.
            }
            try
            {
                _producer.Wait();
            }
            catch (AggregateException)
            {
                // The producer's failure was already reported to the reader, or nobody is reading any more.
            }
            Release();
            _chunks.Dispose();
            _stop.Dispose();
            _source.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Produce(int chunkSize)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (!_spares.TryDequeue(out var buffer))
                    buffer = new byte[chunkSize];
                int n = _source.ReadAtLeast(buffer.AsSpan(0, chunkSize), chunkSize, throwOnEndOfStream: false);
                if (n == 0)
                    break;
                _chunks.Add((buffer, n), _stop.Token);
                if (n < chunkSize)
                    break;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _chunks.CompleteAdding();
        }
    }

    private void Release()
    {
        if (_current is not null)
            _spares.Enqueue(_current);
        _current = null;
    }
}
