using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Observability;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Aot.Recommendations;

/// <summary>
/// The request path: cache first, then the personalised recommender within the time budget, then popular films.
/// A list is ranked at the length that is kept: the limit asked for, and for the cached default query at least
/// <see cref="DefaultLimit"/>; the ranking's ties are deterministic, so a shorter list is always the head of a longer
/// one. An entry serves any limit up to its length, and a longer request computes once and replaces it. Most requests
/// ask for the default 20, so a person costs about 0.8 KB of cache instead of 3.3 KB at 100, and the bounded heap,
/// the top-up with popular films and the evidence work on the films kept only.
/// Only the default query (movies, no filters) is cached, one entry per user: filtered lists are computed on every
/// request (well under a millisecond on the neighbourhood model), so filters never multiply cache entries.
/// People who uploaded an export since the serving data was read are folded in from <see cref="UploadedUsers"/>.
/// </summary>
public sealed class RecommendationService(
    ModelHolder holder, RecommendationCache cache, UploadedUsers uploads, PersonResolver people, RecsMetrics metrics,
    IOptions<RecsOptions> options)
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    private readonly long _budgetTicks = options.Value.TimeBudgetMs * Stopwatch.Frequency / 1000;
    private CatalogueJson? _catalogue;

    /// <summary>Recommendations for a normalised username; never throws for an unknown user (popular films instead).</summary>
    public RecommendationResponse Recommend(string username, int limit, bool useCache = true) =>
        Recommend(username, limit, RecommendationQuery.Default, useCache);

    /// <summary>Recommendations for a normalised username honouring <paramref name="query"/> in every mode, fallback included.</summary>
    public RecommendationResponse Recommend(string username, int limit, RecommendationQuery query, bool useCache = true)
    {
        long started = Stopwatch.GetTimestamp();
        // The upload entry is read before the model (see PersonResolver); its sequence also keys the cached list.
        var pending = uploads.Find(username);
        long personSequence = pending?.Sequence ?? 0;
        var model = holder.Current;
        if (model is null)
            return new RecommendationResponse(username, RecommendationMode.Error, Elapsed(started), null, [], "no model is loaded yet; the database may be unreachable");

        bool cacheable = IsDefault(query);
        if (cacheable && useCache && Hit(username, model, personSequence, limit) is { } cached)
            return new RecommendationResponse(username, RecommendationMode.UltraFast, Elapsed(started), model.Version, Materialise(model, cached.Films, cached.Because, limit, cached.TasteGroup), null);

        var person = people.Resolve(model, username, pending);
        if (!person.HasRatings)
            return new RecommendationResponse(username, RecommendationMode.Fallback, Elapsed(started), model.Version,
                Popular(model, [], person.Excluded, limit, "popular with everyone", query), "unknown user: showing films popular with everyone");

        int kept = cacheable ? System.Math.Max(limit, DefaultLimit) : limit;
        var films = Compute(model, person, query, kept, started + _budgetTicks);
        metrics.RecommendationComputed(films is null ? RecommendationMode.Fallback : RecommendationMode.Computed, Stopwatch.GetElapsedTime(started));
        if (films is null)
            return new RecommendationResponse(username, RecommendationMode.Fallback, Elapsed(started), model.Version,
                Popular(model, person.Films.Span, person.Excluded, limit, "popular", query), "time budget exceeded: showing popular films you have not rated");

        var because = Explain(model, person, films);
        int group = TasteGroupReason.GroupOf(model.Trained, person.Films.Span, person.Stars.Span);
        if (cacheable)
            cache.Set(username, new CachedRecommendations(model.Version, personSequence, films, because, DateTimeOffset.UtcNow) { TasteGroup = group, Complete = films.Length < kept });
        return new RecommendationResponse(username, RecommendationMode.Computed, Elapsed(started), model.Version, Materialise(model, films, because, limit, group), null);
    }

    /// <summary>
    /// The cached answer of the default query for a normalised username, ready to write (mode <c>ultra_fast</c>),
    /// when the cache holds a list from the serving model and the person's current upload; the hit or miss is counted.
    /// On false, answer with <c>Recommend(…, useCache: false)</c>, which computes and caches.
    /// </summary>
    public bool TryCached(string username, int limit, out CachedAnswer answer)
    {
        long started = Stopwatch.GetTimestamp();
        // Read in the order Recommend reads them: the upload entry before the model.
        long personSequence = uploads.Find(username)?.Sequence ?? 0;
        var model = holder.Current;
        if (model is null || Hit(username, model, personSequence, limit) is not { } cached)
        {
            answer = default;
            return false;
        }
        answer = new CachedAnswer(model, CatalogueOf(model.Data), cached, username, System.Math.Min(limit, cached.Films.Length), Elapsed(started));
        return true;
    }

    // The pieces of the serving catalogue, built on the first hit after the film list changes and then shared; two
    // hits racing to build them build the same thing, and either may stay.
    private CatalogueJson CatalogueOf(RatingsDataset data)
    {
        var catalogue = Volatile.Read(ref _catalogue);
        if (catalogue is null || !ReferenceEquals(catalogue.Films, data.Films))
        {
            catalogue = CatalogueJson.Build(data.Films);
            Volatile.Write(ref _catalogue, catalogue);
        }
        return catalogue;
    }

    // A hit is an entry from the serving model and the person's current upload that holds at least `limit` films (or
    // the whole list, when it is shorter).
    private CachedRecommendations? Hit(string username, ServingModel model, long personSequence, int limit) =>
        cache.TryGet(username, out var cached) && cached!.ModelVersion == model.Version && cached.PersonSequence == personSequence
            && (cached.Films.Length >= limit || cached.Complete)
            ? cached
            : null;

    /// <summary>Computes and caches a user's list; returns whether one was cached before.</summary>
    public CacheResponse Warm(string username)
    {
        long started = Stopwatch.GetTimestamp();
        bool already = cache.Contains(username);
        // Warmed at the default limit, the length most requests ask for; a longer request later computes once more.
        var response = Recommend(username, DefaultLimit, useCache: false);
        bool cached = response.Mode == RecommendationMode.Computed;
        return new CacheResponse(username, already, cached, response.Mode, response.Items.Count, cache.Ttl.TotalSeconds, Elapsed(started));
    }

    /// <summary>True for the query a bare request gets, the only one that is cached.</summary>
    public static bool IsDefault(RecommendationQuery query) => query.IsUnfiltered && query.ContentType == RecommendationQuery.Default.ContentType;

    // The best `keep` films for the person (fewer only when the catalogue runs out), or null past the deadline.
    private static ScoredFilm[]? Compute(ServingModel model, Person person, RecommendationQuery query, int keep, long deadline)
    {
        var data = model.Data;
        // The trained blend applies the obscurity dial itself; the neighbourhood recommender's list is re-ranked here by
        // the same dial, from the same deeper pool.
        bool dial = query.Obscurity is { } obscurity && ObscurityDial.Moves(obscurity) && !model.WeighsObscurity;
        int pool = dial ? System.Math.Max(ObscurityDial.Pool, keep) : keep;
        var buffer = ArrayPool<ScoredFilm>.Shared.Rent(pool);
        try
        {
            int n = model.Recommend(person.Films.Span, person.Stars.Span, person.User, query, person.Excluded, buffer.AsSpan(0, pool), deadline);
            if (n < 0)
                return null;
            if (dial)
                ObscurityDial.Rerank(buffer.AsSpan(0, n), data.FilmCounts, query.Obscurity!.Value);
            n = System.Math.Min(n, keep);
            if (n == keep)
                return buffer.AsSpan(0, n).ToArray();
            // Thin neighbourhoods (new or eclectic users) are topped up with popular films they have not rated; the
            // `keep` most popular hold at least keep - n films not already listed.
            var films = new List<ScoredFilm>(keep);
            films.AddRange(buffer.AsSpan(0, n));
            var seen = new HashSet<int>(films.Select(f => f.Film));
            foreach (int f in PopularFilms(model, person.Films.Span, person.Excluded, keep, query))
            {
                if (films.Count >= keep)
                    break;
                if (seen.Add(f))
                    films.Add(new ScoredFilm(f, 0, PopularMarker, 0));
            }
            return [.. films];
        }
        finally
        {
            ArrayPool<ScoredFilm>.Shared.Return(buffer);
        }
    }

    // Supporters = -1 marks a popular film added to fill a thin list; its reason describes popularity, not taste.
    internal const int PopularMarker = -1;

    // The person's own liked films that explain each film of the list, when the trained item neighbours can tell.
    internal static FilmEvidence[] Explain(ServingModel model, Person person, ScoredFilm[] films)
    {
        var because = new FilmEvidence[films.Length];
        if (model.Trained is not { } trained)
            return because;
        float[] starsByFilm = ArrayPool<float>.Shared.Rent(trained.FilmCount);
        try
        {
            var lookup = starsByFilm.AsSpan(0, trained.FilmCount);
            NeighbourEvidence.Spread(person.Films.Span, person.Stars.Span, lookup);
            for (int i = 0; i < films.Length; i++)
            {
                because[i] = films[i].Supporters == PopularMarker
                    ? FilmEvidence.None
                    : NeighbourEvidence.Strongest(trained, films[i].Film, lookup);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(starsByFilm);
        }
        return because;
    }

    internal static RecommendationItem[] Materialise(ServingModel model, ScoredFilm[] films, FilmEvidence[] because, int limit, int group = -1)
    {
        var data = model.Data;
        var items = new RecommendationItem[System.Math.Min(limit, films.Length)];
        for (int i = 0; i < items.Length; i++)
        {
            var s = films[i];
            var film = data.Films[s.Film];
            var evidence = because[i];
            string[] named = evidence.Count switch
            {
                0 => [],
                1 => [data.Films[evidence.First].Slug],
                _ => [data.Films[evidence.First].Slug, data.Films[evidence.Second].Slug],
            };
            string reason = evidence.Count switch
            {
                0 when s.Supporters == PopularMarker => $"popular: {data.RatingCountOf(s.Film)} ratings, {data.FilmMeans[s.Film]:0.0}★ average",
                0 => TasteGroupReason.Describe(model.Trained, group, s.Film) ?? $"rated {s.SupportMean:0.0}★ by {s.Supporters} people with your taste",
                1 => $"because you rated {Rated(data, evidence.First, evidence.FirstStars)}",
                _ => $"because you rated {Rated(data, evidence.First, evidence.FirstStars)} and {Rated(data, evidence.Second, evidence.SecondStars)}",
            };
            items[i] = new RecommendationItem(film.Slug, film.Title, film.Year, System.Math.Round(s.Score, 4), reason, named);
        }
        return items;
    }

    private static string Rated(RatingsDataset data, int film, float stars) => $"{data.Films[film].Title} {StarRating.ToGlyphs(stars)}";

    private static RecommendationItem[] Popular(
        ServingModel model, ReadOnlySpan<int> rated, IReadOnlySet<int>? excluded, int limit, string why, RecommendationQuery query)
    {
        var data = model.Data;
        var films = PopularFilms(model, rated, excluded, limit, query);
        var items = new RecommendationItem[films.Count];
        for (int i = 0; i < items.Length; i++)
        {
            int f = films[i];
            var film = data.Films[f];
            items[i] = new RecommendationItem(film.Slug, film.Title, film.Year, System.Math.Round(model.Popularity.Scores[f], 4),
                $"{why}: {data.RatingCountOf(f)} ratings, {data.FilmMeans[f]:0.0}★ average", []);
        }
        return items;
    }

    // The most popular films (re-ranked by the query's obscurity) that pass its filters, skipping rated and excluded ones.
    private static List<int> PopularFilms(
        ServingModel model, ReadOnlySpan<int> rated, IReadOnlySet<int>? excluded, int limit, RecommendationQuery query)
    {
        var data = model.Data;
        var skip = new HashSet<int>(rated.Length);
        foreach (int f in rated)
            skip.Add(f);
        if (excluded is not null)
            skip.UnionWith(excluded);
        // With the obscurity dial, the best of a deeper pool of popular films are re-ranked by it, as in the personal lists.
        bool dial = query.Obscurity is { } obscurity && ObscurityDial.Moves(obscurity);
        int wanted = dial ? System.Math.Max(ObscurityDial.Pool, limit) : limit;
        var pool = new List<ScoredFilm>(wanted);
        foreach (int f in model.Popularity.Order)
        {
            if (pool.Count >= wanted)
                break;
            // Films nobody rated have no popularity to speak of; they cannot be a sensible fallback.
            if (!skip.Contains(f) && (!dial || data.RatingCountOf(f) > 0) && query.Allows(data.Films[f]))
                pool.Add(new ScoredFilm(f, model.Popularity.Scores[f], 0, 0));
        }
        var ranked = CollectionsMarshal.AsSpan(pool);
        if (dial)
            ObscurityDial.Rerank(ranked, data.FilmCounts, query.Obscurity!.Value);
        var films = new List<int>(limit);
        foreach (var s in ranked[..System.Math.Min(limit, ranked.Length)])
            films.Add(s.Film);
        return films;
    }

    private static double Elapsed(long started) => System.Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
}
