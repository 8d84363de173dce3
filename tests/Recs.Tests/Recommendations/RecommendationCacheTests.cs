using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Tests.Recommendations;

/// <summary>The recommendation cache holds no more bytes than its bound, however many people are cached at once.</summary>
public sealed class RecommendationCacheTests
{
    [Fact]
    public async Task Lists_cached_in_parallel_beyond_the_bound_leave_the_cache_within_it()
    {
        using var cache = new RecommendationCache(Options.Create(new RecsOptions { CacheMaxMegabytes = 1 }), Metrics());
        long perEntry = RecommendationCache.SizeOf("user_00000", Entry());
        int people = (int)(4 * cache.MaxBytes / perEntry);
        await Parallel.ForAsync(0, people, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
        {
            cache.Set($"user_{i:D5}", Entry());
            return ValueTask.CompletedTask;
        });
        // Over the bound, a new entry is refused and the cache compacts in the background; wait for it to settle.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (cache.Bytes > cache.MaxBytes && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.InRange(cache.Bytes, perEntry, cache.MaxBytes);
        Assert.InRange(cache.Count, 1, cache.MaxBytes / perEntry);
        Assert.Equal(cache.Count * perEntry, cache.Bytes);
    }

    [Fact]
    public void An_entry_is_counted_at_its_arrays_object_and_key()
    {
        long full = RecommendationCache.SizeOf("someone", Entry());
        long half = RecommendationCache.SizeOf("someone", Entry(50));
        Assert.Equal(50 * 32, full - half);
        Assert.InRange(full, 100 * 32, 100 * 32 + 512);
    }

    private static CachedRecommendations Entry(int items = RecommendationService.MaxLimit) =>
        new("v1", 0, new ScoredFilm[items], new FilmEvidence[items], DateTimeOffset.UnixEpoch);

    private static RecsMetrics Metrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), new ModelHolder());
}
