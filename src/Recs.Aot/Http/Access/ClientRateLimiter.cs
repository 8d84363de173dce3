using System.Collections.Concurrent;
using System.Diagnostics;

namespace Recs.Aot.Http.Access;

/// <summary>
/// One token bucket per client address (<see cref="TrustedProxies.Client"/>) for the endpoints marked with
/// <see cref="ClientRateLimited"/>; other requests pass untouched. Admitting a request allocates nothing after the
/// client's first: ASP.NET's rate-limiting middleware, used before, allocated on every request (a partition closure, a
/// lease, a factory delegate, and an <c>IPAddress</c> for each forwarded or IPv4-mapped client). Buckets are filled
/// lazily, so no timer runs per client; full buckets unused for <see cref="IdleAfter"/> are dropped.
/// </summary>
internal sealed class ClientRateLimiter
{
    /// <summary>How long a full bucket stays unused before it is dropped (a new one starts full, so nothing changes).</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(10);

    private static readonly long IdleTicks = (long)(IdleAfter.TotalSeconds * Stopwatch.Frequency);

    private readonly ConcurrentDictionary<ClientKey, ClientTokenBucket> _buckets = new();
    private readonly TrustedProxies _proxies;
    private readonly int _burst;
    private long _nextSweep;

    /// <summary>Each client may send <paramref name="burst"/> requests at once and <paramref name="perSecond"/> a second after that.</summary>
    public ClientRateLimiter(TrustedProxies proxies, int burst, int perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        _proxies = proxies;
        _burst = burst;
        PerSecond = perSecond;
        _nextSweep = Stopwatch.GetTimestamp() + IdleTicks;
    }

    /// <summary>The sustained rate each client is allowed, requests per second.</summary>
    public int PerSecond { get; }

    /// <summary>Buckets held now, one per recently seen client.</summary>
    public int ClientCount => _buckets.Count;

    /// <summary>
    /// True when <paramref name="http"/> may proceed: its endpoint is not limited, or its client's bucket had a token,
    /// which it takes. On false, <paramref name="retryAfter"/> is the time until the bucket is next filled.
    /// </summary>
    public bool TryAdmit(HttpContext http, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (http.GetEndpoint()?.Metadata.GetMetadata<ClientRateLimited>() is null)
            return true;
        var client = _proxies.Client(http.Connection.RemoteIpAddress, http.Request.Headers[TrustedProxies.ForwardedForHeader]) ?? ClientKey.None;
        var bucket = _buckets.TryGetValue(client, out var known) ? known : _buckets.GetOrAdd(client, static (_, self) => self.NewBucket(), this);
        long now = Stopwatch.GetTimestamp();
        SweepIfDue(now);
        if (bucket.TryTake(now, out long wait))
            return true;
        retryAfter = Stopwatch.GetElapsedTime(0, wait);
        return false;
    }

    private ClientTokenBucket NewBucket() => new(_burst, PerSecond, Stopwatch.Frequency, Stopwatch.GetTimestamp());

    // Whichever request first finds the sweep due does it; the others go on.
    private void SweepIfDue(long now)
    {
        long due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + IdleTicks, due) != due)
            return;
        foreach (var (client, bucket) in _buckets)
        {
            if (bucket.IsIdle(now, IdleTicks))
                _buckets.TryRemove(new KeyValuePair<ClientKey, ClientTokenBucket>(client, bucket));
        }
    }
}
