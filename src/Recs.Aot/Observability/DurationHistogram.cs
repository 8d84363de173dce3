using System.Diagnostics;

namespace Recs.Aot.Observability;

/// <summary>
/// A histogram of durations with fixed bucket bounds, updated with two atomic adds and no lock, read on a scrape.
/// Bounds are in seconds, compared as <see cref="Stopwatch"/> ticks so a recording does no floating-point work.
/// </summary>
public sealed class DurationHistogram
{
    private readonly long[] _boundTicks;
    // One slot per bound plus the last for everything above the largest bound (+Inf).
    private readonly long[] _counts;
    private long _sumTicks;

    /// <summary>A histogram over ascending <paramref name="boundsSeconds"/> (each bucket counts durations at most its bound).</summary>
    public DurationHistogram(IReadOnlyList<double> boundsSeconds)
    {
        for (int i = 1; i < boundsSeconds.Count; i++)
        {
            if (!(boundsSeconds[i] > boundsSeconds[i - 1]))
                throw new ArgumentException("bounds must ascend", nameof(boundsSeconds));
        }
        _boundTicks = boundsSeconds.Select(b => (long)System.Math.Round(b * Stopwatch.Frequency)).ToArray();
        _counts = new long[boundsSeconds.Count + 1];
    }

    /// <summary>Counts one duration of <paramref name="elapsedTicks"/> <see cref="Stopwatch"/> ticks (negative counts as 0).</summary>
    public void Record(long elapsedTicks)
    {
        elapsedTicks = System.Math.Max(0, elapsedTicks);
        int bucket = 0;
        // A cached answer falls in the first bucket or two, so the linear scan ends at once where it matters.
        while (bucket < _boundTicks.Length && elapsedTicks > _boundTicks[bucket])
            bucket++;
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _sumTicks, elapsedTicks);
    }

    /// <summary>
    /// Writes the cumulative count of each bucket into <paramref name="cumulative"/> (one more than the bounds, the last
    /// being the total) and returns the sum of the durations in seconds. Recordings racing with the read may be in the
    /// sum and not the counts or the other way round; the counts themselves always ascend.
    /// </summary>
    public double Read(Span<long> cumulative)
    {
        if (cumulative.Length != _counts.Length)
            throw new ArgumentException($"needs {_counts.Length} slots", nameof(cumulative));
        long running = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }
        return (double)Volatile.Read(ref _sumTicks) / Stopwatch.Frequency;
    }

    /// <summary>How many slots <see cref="Read"/> fills: the bounds and +Inf.</summary>
    public int Slots => _counts.Length;
}
