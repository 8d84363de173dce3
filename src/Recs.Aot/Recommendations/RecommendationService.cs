using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// The request path: cache first, then the personalised recommender within the time budget, then popular films.
/// Every list is computed at <see cref="MaxLimit"/> and cut to the requested limit, so one cache entry serves any limit.
/// </summary>
public sealed class RecommendationService(ModelHolder holder, RecommendationCache cache, IOptions<RecsOptions> options)
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    private readonly long _budgetTicks = options.Value.TimeBudgetMs * Stopwatch.Frequency / 1000;

    /// <summary>Recommendations for a normalised username; never throws for an unknown user (popular films instead).</summary>
    public RecommendationResponse Recommend(string username, int limit, bool useCache = true)
    {
        long started = Stopwatch.GetTimestamp();
        var model = holder.Current;
        if (model is null)
            return new RecommendationResponse(username, RecommendationMode.Error, Elapsed(started), null, [], "no model is loaded yet; the database may be unreachable");

        if (useCache && cache.TryGet(username, out var cached) && cached!.ModelVersion == model.Version)
            return new RecommendationResponse(username, RecommendationMode.UltraFast, Elapsed(started), model.Version, Take(cached.Items, limit), null);

        if (!model.Data.UserIndex.TryGetValue(username, out int user))
            return new RecommendationResponse(username, RecommendationMode.Fallback, Elapsed(started), model.Version,
                Popular(model, [], limit, "unknown user: popular films"), "unknown user: showing films popular with everyone");

        var items = Compute(model, user, started + _budgetTicks);
        if (items is null)
            return new RecommendationResponse(username, RecommendationMode.Fallback, Elapsed(started), model.Version,
                Popular(model, model.Data.FilmsOf(user), limit, "popular films"), "time budget exceeded: showing popular films you have not rated");

        cache.Set(username, new CachedRecommendations(model.Version, items, DateTimeOffset.UtcNow));
        return new RecommendationResponse(username, RecommendationMode.Computed, Elapsed(started), model.Version, Take(items, limit), null);
    }

    /// <summary>Computes and caches a user's list; returns whether one was cached before.</summary>
    public CacheResponse Warm(string username)
    {
        long started = Stopwatch.GetTimestamp();
        bool already = cache.Contains(username);
        var response = Recommend(username, MaxLimit, useCache: false);
        bool cached = response.Mode == RecommendationMode.Computed;
        return new CacheResponse(username, already, cached, response.Mode, response.Items.Count, cache.Ttl.TotalSeconds, Elapsed(started));
    }

    private static RecommendationItem[]? Compute(ServingModel model, int user, long deadline)
    {
        var data = model.Data;
        var buffer = ArrayPool<ScoredFilm>.Shared.Rent(MaxLimit);
        try
        {
            var films = data.FilmsOf(user);
            int n = model.Recommend(films, data.StarsOf(user), user, RecommendationQuery.Default, null, buffer.AsSpan(0, MaxLimit), deadline);
            if (n < 0)
                return null;
            var items = new List<RecommendationItem>(MaxLimit);
            for (int i = 0; i < n; i++)
            {
                var s = buffer[i];
                var film = data.Films[s.Film];
                items.Add(new RecommendationItem(film.Slug, film.Title, film.Year, System.Math.Round(s.Score, 4),
                    $"rated {s.SupportMean:0.0}★ by {s.Supporters} people with your taste"));
            }
            if (items.Count < MaxLimit)
            {
                // Thin neighbourhoods (new or eclectic users) are topped up with popular films they have not rated.
                var seen = new HashSet<string>(items.Select(i => i.FilmId));
                foreach (var extra in Popular(model, films, MaxLimit, "popular films"))
                {
                    if (items.Count >= MaxLimit)
                        break;
                    if (seen.Add(extra.FilmId))
                        items.Add(extra with { Score = 0 });
                }
            }
            return [.. items];
        }
        finally
        {
            ArrayPool<ScoredFilm>.Shared.Return(buffer);
        }
    }

    private static RecommendationItem[] Popular(ServingModel model, ReadOnlySpan<int> rated, int limit, string why, RecommendationQuery? query = null)
    {
        var data = model.Data;
        var ratedSet = new HashSet<int>(rated.Length);
        foreach (int f in rated)
            ratedSet.Add(f);
        var items = new List<RecommendationItem>(limit);
        foreach (int f in model.Popularity.Order)
        {
            if (items.Count >= limit)
                break;
            if (ratedSet.Contains(f) || !(query ?? RecommendationQuery.Default).Allows(data.Films[f]))
                continue;
            var film = data.Films[f];
            items.Add(new RecommendationItem(film.Slug, film.Title, film.Year, System.Math.Round(model.Popularity.Scores[f], 4),
                $"{why}: {data.RatingCountOf(f)} ratings, {data.FilmMeans[f]:0.0}★ average"));
        }
        return [.. items];
    }

    private static RecommendationItem[] Take(RecommendationItem[] items, int limit) => items.Length <= limit ? items : items[..limit];

    private static double Elapsed(long started) => System.Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
}
