using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Observability;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Per-user recommendation lists in a <see cref="MemoryCache"/> bounded in bytes (Recs:CacheMaxMegabytes, each entry
/// counted at what its arrays, object and key hold) with a fixed TTL (5 minutes by default), counting hits and misses
/// for /api/memory and /metrics.
/// </summary>
public sealed class RecommendationCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _ttl;
    private readonly RecsMetrics _metrics;
    private long _hits;
    private long _misses;

    public RecommendationCache(IOptions<RecsOptions> options, RecsMetrics metrics)
    {
        _metrics = metrics;
        _ttl = TimeSpan.FromSeconds(options.Value.CacheTtlSeconds);
        MaxBytes = options.Value.CacheMaxMegabytes * (1L << 20);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxBytes, TrackStatistics = true });
    }

    public TimeSpan Ttl => _ttl;
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);
    public long Count => _cache.Count;

    /// <summary>The bound on <see cref="Bytes"/>.</summary>
    public long MaxBytes { get; }

    /// <summary>Bytes the cached entries are counted at (their arrays, objects and keys).</summary>
    public long Bytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>What an entry is counted at: the entry, its key, and the cache's own record of it.</summary>
    public static long SizeOf(string username, CachedRecommendations entry) => entry.ByteCount + 24 + 2L * username.Length + EntryOverhead;

    // MemoryCache's entry object, its options and the dictionary slot, measured at about 200 bytes.
    private const int EntryOverhead = 200;

    /// <summary>Looks a user up, counting the hit or miss.</summary>
    public bool TryGet(string username, out CachedRecommendations? entry)
    {
        if (_cache.TryGetValue(username, out entry) && entry is not null)
        {
            Interlocked.Increment(ref _hits);
            _metrics.CacheLookup(hit: true);
            return true;
        }
        Interlocked.Increment(ref _misses);
        _metrics.CacheLookup(hit: false);
        return false;
    }

    /// <summary>True when the user has a cached list; does not count as a hit or miss.</summary>
    public bool Contains(string username) => _cache.TryGetValue(username, out _);

    public void Set(string username, CachedRecommendations entry) =>
        _cache.Set(username, entry, new MemoryCacheEntryOptions { Size = SizeOf(username, entry), AbsoluteExpirationRelativeToNow = _ttl });

    public void Remove(string username) => _cache.Remove(username);

    /// <summary>Drops every entry, e.g. after a new model is swapped in.</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
