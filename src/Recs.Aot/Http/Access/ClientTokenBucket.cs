namespace Recs.Aot.Http.Access;

/// <summary>
/// One client's token bucket: it starts full at <c>burst</c> tokens and gains <c>perPeriod</c> tokens at the end of
/// every whole period since it was last filled, up to <c>burst</c> again. Filled lazily when a request arrives, so no
/// timer runs per client. Times are <see cref="System.Diagnostics.Stopwatch"/> timestamps.
/// </summary>
internal sealed class ClientTokenBucket(int burst, int perPeriod, long periodTicks, long now)
{
    private readonly Lock _lock = new();
    private long _tokens = burst;
    private long _filledAt = now;
    private long _lastUsed = now;

    /// <summary>Takes a token; on false, <paramref name="wait"/> is the time until the next fill.</summary>
    public bool TryTake(long now, out long wait)
    {
        lock (_lock)
        {
            Fill(now);
            _lastUsed = now;
            if (_tokens > 0)
            {
                _tokens--;
                wait = 0;
                return true;
            }
            wait = _filledAt + periodTicks - now;
            return false;
        }
    }

    /// <summary>True when the bucket is full and has not been used for <paramref name="idleTicks"/>: dropping it changes nothing.</summary>
    public bool IsIdle(long now, long idleTicks)
    {
        lock (_lock)
        {
            Fill(now);
            return _tokens >= burst && now - _lastUsed >= idleTicks;
        }
    }

    private void Fill(long now)
    {
        long periods = (now - _filledAt) / periodTicks;
        if (periods <= 0)
            return;
        _tokens = System.Math.Min(burst, _tokens + periods * perPeriod);
        _filledAt += periods * periodTicks;
    }
}
