using System.Diagnostics;

namespace Recs.Engine.Serving;

/// <summary>
/// The data sets and trained models a swap replaced, held weakly until the collector frees them: what a replaced model
/// still costs. Once nothing serves them they should go at the next full collection; one that stays says something
/// still references it. Bound: <see cref="Capacity"/> entries, the oldest forgotten first.
/// </summary>
public sealed class RetiredModels
{
    /// <summary>The most replaced parts remembered at once.</summary>
    public const int Capacity = 32;

    private readonly Lock _lock = new();
    private readonly List<(WeakReference<object> Part, long Bytes)> _parts = [];

    /// <summary>Remembers what <paramref name="replaced"/> held that <paramref name="serving"/> no longer does.</summary>
    public void Retire(ServingModel? replaced, ServingModel serving)
    {
        ArgumentNullException.ThrowIfNull(serving);
        if (replaced is null)
            return;
        lock (_lock)
        {
            if (!ReferenceEquals(replaced.Data, serving.Data))
                Add(replaced.Data, replaced.Data.EstimatedBytes);
            if (replaced.Trained is { } trained && !ReferenceEquals(trained, serving.Trained))
                Add(trained, trained.EstimatedBytes);
        }
    }

    /// <summary>How many replaced data sets and trained models are not yet collected, and their estimated bytes.</summary>
    public (int Count, long Bytes) StillHeld()
    {
        lock (_lock)
        {
            ForgetFreed();
            long bytes = 0;
            foreach (var (_, size) in _parts)
                bytes += size;
            return (_parts.Count, bytes);
        }
    }

    /// <summary>
    /// Waits until every replaced part has been freed, checking every <paramref name="poll"/>, for at most
    /// <paramref name="limit"/>; returns false when some were still held then. For work that would otherwise put its
    /// own memory on top of a replaced copy the next collection is about to free (a training right after a reload).
    /// </summary>
    public async Task<bool> WaitUntilFreedAsync(TimeSpan limit, TimeSpan poll, CancellationToken ct = default)
    {
        // Stopwatch rather than Environment.TickCount64: the tick count moves in steps of up to the scheduler's
        // quantum, so it could report the limit reached a few milliseconds early.
        long start = Stopwatch.GetTimestamp();
        while (StillHeld().Count > 0)
        {
            if (Stopwatch.GetElapsedTime(start) >= limit)
                return false;
            await Task.Delay(poll, ct).ConfigureAwait(false);
        }
        return true;
    }

    private void Add(object part, long bytes)
    {
        ForgetFreed();
        if (_parts.Count == Capacity)
            _parts.RemoveAt(0);
        _parts.Add((new WeakReference<object>(part), bytes));
    }

    private void ForgetFreed() => _parts.RemoveAll(static p => !p.Part.TryGetTarget(out _));
}
