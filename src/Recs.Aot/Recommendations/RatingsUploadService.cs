using Recs.Aot.Http.Contracts;
using Recs.Engine.Catalog;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Storage.Import;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Applies a parsed Letterboxd upload: matches its films to the loaded catalogue (Letterboxd URI or slug, else
/// normalised title and year), stores the matched ratings, records the person in <see cref="UploadedUsers"/> and
/// recommends for them straight away. Films not in the catalogue are reported, never added: nothing could score them.
/// Someone already in the model keeps their other ratings; an uploaded film replaces their rating of it.
/// A zip's watched and watchlist films replace the person's exclusions; a bare ratings.csv leaves them as they were.
/// </summary>
public sealed class RatingsUploadService(
    IRatingStore store, UploadedUsers uploads, RecommendationCache cache, RecommendationService recommendations)
{
    public const int MaxUnmatchedListed = 50;

    /// <summary>The store meta key listing, one per line, everyone whose exclusions are stored.</summary>
    public const string ExcludedUsersKey = "excluded_users";

    // Serialises the read-modify-write of the excluded-users list within this process.
    private readonly SemaphoreSlim _listGate = new(1, 1);

    /// <summary>The store meta key under which a person's excluded (watched or watchlisted) film slugs are kept, one per line.</summary>
    public static string ExclusionsKey(string username) => "excluded:" + username;

    /// <summary>Stores the upload of <paramref name="username"/> against <paramref name="model"/>; store failures propagate.</summary>
    public async Task<RatingsUploadResponse> ApplyAsync(string username, LetterboxdUpload upload, ServingModel model, int limit, CancellationToken ct)
    {
        var data = model.Data;
        var matcher = new FilmMatcher(data.Films);
        var uploaded = new Dictionary<string, RatingRecord>(StringComparer.Ordinal);
        var unmatched = new List<UnmatchedFilm>();
        int unmatchedCount = 0;
        foreach (var row in upload.Ratings.Rows)
        {
            if (matcher.Find(row.LetterboxdUri, row.Name, row.Year) is { } slug)
            {
                // A film rated twice in one export (a re-rating) keeps its last row.
                uploaded[slug] = new RatingRecord(username, slug, row.Stars, row.Date);
                continue;
            }
            unmatchedCount++;
            if (unmatched.Count < MaxUnmatchedListed)
                unmatched.Add(new UnmatchedFilm(row.Name, row.Year, row.LetterboxdUri));
        }

        // The base to merge into: an upload the model has not seen yet, else the person's ratings in the model.
        bool inDataset = data.UserIndex.TryGetValue(username, out int user);
        uploads.TryGet(username, out var previous);
        var merged = new Dictionary<string, float>(StringComparer.Ordinal);
        bool hadRatings;
        if (uploads.TrySupersede(model, username, out var current))
        {
            for (int i = 0; i < current!.Films.Length; i++)
                merged[data.Films[current.Films[i]].Slug] = current.Stars[i];
            hadRatings = current.Films.Length > 0;
        }
        else
        {
            var films = inDataset ? data.FilmsOf(user) : [];
            var stars = inDataset ? data.StarsOf(user) : [];
            for (int i = 0; i < films.Length; i++)
                merged[data.Films[films[i]].Slug] = stars[i];
            hadRatings = films.Length > 0;
        }
        foreach (var rating in uploaded.Values)
            merged[rating.FilmSlug] = rating.Stars;

        string[] excluded = upload.HasLists ? MatchLists(matcher, upload) : [.. previous?.ExcludedSlugs ?? []];

        if (uploaded.Count > 0)
            await store.UpsertRatingsAsync(uploaded.Values, ct);
        if (upload.HasLists)
            await StoreExclusionsAsync(username, excluded, ct);

        if (merged.Count > 0 || excluded.Length > 0)
        {
            uploads.Set(new UploadedUser(username, [.. merged.Keys], [.. merged.Values], excluded, model.Version));
            cache.Remove(username);
            if (uploads.Count > UploadedUsers.PruneThreshold)
                uploads.Prune(model);
        }

        var list = recommendations.Recommend(username, limit, useCache: false);
        int received = upload.Ratings.Rows.Count;
        return new RatingsUploadResponse(username, !hadRatings, received, received - unmatchedCount, uploaded.Count,
            unmatchedCount, unmatched, upload.Watched.Count, upload.Watchlist.Count, excluded.Length, merged.Count,
            Note(received, unmatchedCount, uploaded.Count), list);
    }

    private async Task StoreExclusionsAsync(string username, string[] excluded, CancellationToken ct)
    {
        await store.SetMetaAsync(ExclusionsKey(username), string.Join('\n', excluded), ct);
        await _listGate.WaitAsync(ct);
        try
        {
            var users = (await store.GetMetaAsync(ExcludedUsersKey, ct) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (!users.Contains(username))
                await store.SetMetaAsync(ExcludedUsersKey, string.Join('\n', users.Append(username)), ct);
        }
        finally
        {
            _listGate.Release();
        }
    }

    private static string[] MatchLists(FilmMatcher matcher, LetterboxdUpload upload)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in upload.Watched.Concat(upload.Watchlist))
        {
            if (matcher.Find(entry.LetterboxdUri, entry.Name, entry.Year) is { } slug)
                slugs.Add(slug);
        }
        return [.. slugs.Order(StringComparer.Ordinal)];
    }

    private static string Note(int received, int unmatched, int stored)
    {
        if (received == 0)
            return "the file holds no ratings";
        if (stored == 0)
            return $"none of the {received} rated films is in this catalogue: nothing was stored and recommendations are popular films";
        if (unmatched == 0)
            return $"all {received} rated films matched the catalogue and were stored";
        return $"{received - unmatched} of {received} rated films matched the catalogue and were stored; the other {unmatched} are not in it and cannot be used";
    }
}
