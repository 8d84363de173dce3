using System.Runtime.InteropServices;

namespace Recs.Math;

/// <summary>
/// Work buffers lent to the steps of one computation (one training run, one benchmark) and reused between them. They
/// live outside the collected heap, on pages mapped for the pool (<see cref="MappedPages"/>): <see cref="Dispose"/>
/// hands every page back to the operating system at once, so a finished training leaves nothing resident, where
/// collected arrays would leave their space committed to the collector until later collections give it up.
/// Thread-safe; meant for a few dozen large buffers, not for many small per-request ones.
/// </summary>
public sealed class ScratchPool : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<PageBlock> _free = [];
    private readonly List<PageBlock> _all = [];
    private long _retainedBytes;
    private long _mappedBytes;
    private bool _disposed;

    /// <summary>Bytes of the buffers currently returned to the pool and not lent out again.</summary>
    public long RetainedBytes
    {
        get
        {
            lock (_lock)
                return _retainedBytes;
        }
    }

    /// <summary>Bytes the pool holds from the operating system, lent or not; zero once disposed.</summary>
    public long MappedBytes
    {
        get
        {
            lock (_lock)
                return _mappedBytes;
        }
    }

    /// <summary>Bytes mapped by every pool of the process and not yet given back (e.g. a training in progress).</summary>
    public static long ProcessMappedBytes => MappedPages.Total;

    /// <summary>The most <see cref="ProcessMappedBytes"/> has been since the last <see cref="ResetPeak"/>.</summary>
    public static long PeakProcessMappedBytes => MappedPages.Peak;

    /// <summary>Starts a new <see cref="PeakProcessMappedBytes"/> from what is mapped now.</summary>
    public static void ResetPeak() => MappedPages.ResetPeak();

    /// <summary>
    /// A buffer of exactly <paramref name="length"/> elements with arbitrary contents, on the smallest returned block
    /// that fits and is at most twice the bytes asked (plus a page), else on a new block. Throws
    /// ArgumentOutOfRangeException when the length is negative and ObjectDisposedException after <see cref="Dispose"/>.
    /// </summary>
    public unsafe Memory<T> Rent<T>(int length) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long bytes = (long)length * sizeof(T);
        // A small request must not take a basis-sized block that a later large request of the same run needs.
        long longest = 2 * bytes + 4096;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int best = -1;
            for (int i = 0; i < _free.Count; i++)
            {
                long size = _free[i].Bytes;
                if (size >= bytes && size <= longest && (best < 0 || size < _free[best].Bytes))
                    best = i;
            }
            PageBlock block;
            if (best >= 0)
            {
                block = _free[best];
                _free[best] = _free[^1];
                _free.RemoveAt(_free.Count - 1);
                _retainedBytes -= block.Bytes;
            }
            else
            {
                block = new PageBlock(bytes);
                _all.Add(block);
                _mappedBytes += block.Bytes;
            }
            return new PageView<T>(this, block, length).Memory;
        }
    }

    /// <summary>
    /// Gives back a buffer from <see cref="Rent{T}"/>; the caller must not use it afterwards (its span then throws).
    /// Throws ArgumentException for memory this pool did not lend and InvalidOperationException when given back twice.
    /// </summary>
    public void Return<T>(Memory<T> buffer) where T : unmanaged
    {
        if (!MemoryMarshal.TryGetMemoryManager<T, PageView<T>>(buffer, out var view) || view.Pool != this)
            throw new ArgumentException("The buffer was not lent by this pool.", nameof(buffer));
        lock (_lock)
        {
            if (_disposed)
                return;
            if (view.Returned)
                throw new InvalidOperationException("The buffer was already given back.");
            view.Returned = true;
            _free.Add(view.Block);
            _retainedBytes += view.Block.Bytes;
        }
    }

    /// <summary>
    /// Unmaps the blocks not lent out, for a computation whose next steps need smaller buffers than its last ones
    /// (e.g. between the stages of a training); lent buffers stay valid.
    /// </summary>
    public void Trim()
    {
        lock (_lock)
        {
            foreach (var block in _free)
            {
                _all.Remove(block);
                _mappedBytes -= block.Bytes;
                block.Dispose();
            }
            _free.Clear();
            _retainedBytes = 0;
        }
    }

    /// <summary>
    /// Unmaps every block, lent or not: buffers still lent become unusable (their spans throw). Idempotent.
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var block in _all)
                block.Dispose();
            _free.Clear();
            _all.Clear();
            _retainedBytes = 0;
            _mappedBytes = 0;
        }
    }
}
