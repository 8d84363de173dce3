using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Storage.Import;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Applies a parsed Letterboxd upload: matches its films to the serving catalogue (Letterboxd URI or slug, else
/// normalised title and year), writes them with <see cref="IRatingStore.WritePersonAsync"/> (one transaction that also
/// checks the caller may write this person), records the person's stored state in <see cref="UploadedUsers"/> and
/// recommends for them straight away. Films not in the catalogue are reported, never added: nothing could score them.
/// An uploaded film replaces the person's rating of it and their other ratings stay; a zip's watched and watchlist
/// films replace their exclusions, a bare ratings.csv leaves them as they were.
/// </summary>
public sealed class RatingsUploadService(
    IRatingStore store, UploadedUsers uploads, PersonResolver people, RecommendationCache cache, RecommendationService recommendations,
    ModelLoader loader)
{
    public const int MaxUnmatchedListed = 50;

    /// <summary>
    /// Stores the upload of <paramref name="username"/> matched against <paramref name="model"/>'s catalogue, as
    /// <paramref name="authority"/> presenting <paramref name="token"/> (null: none). Store failures propagate; a
    /// refusal (busy, or an outcome other than Created or Updated) writes nothing.
    /// </summary>
    public async Task<UploadResult> ApplyAsync(
        string username, LetterboxdUpload upload, ServingModel model, int limit, WriteAuthority authority, string? token, CancellationToken ct)
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
        string[]? excluded = upload.HasLists ? MatchLists(matcher, upload) : null;

        WriteOutcome? outcome = null;
        string? newToken = null;
        int totalRatings = 0, excludedCount = 0;
        if (uploaded.Count > 0 || excluded is not null)
        {
            if (uploads.IsFull)
            {
                loader.RequestReload();
                return new UploadResult(null, Busy: true, null);
            }
            var (created, createdHash) = WriteToken.Create();
            var result = await store.WritePersonAsync(new PersonWrite(username, [.. uploaded.Values], excluded, authority,
                token is null ? null : WriteToken.Hash(token), createdHash), ct);
            // From the commit on, the person is recorded whatever the client does: a 2xx may be on its way.
            outcome = result.Outcome;
            if (!result.Stored)
                return new UploadResult(outcome, Busy: false, null);
            newToken = outcome == WriteOutcome.Created ? created : null;
            Remember(username, result, data);
            totalRatings = result.RatedSlugs.Count;
            excludedCount = result.ExcludedSlugs.Count;
            if (uploads.WantsReload)
                loader.RequestReload();
        }

        var list = recommendations.Recommend(username, limit, useCache: false);
        int received = upload.Ratings.Rows.Count;
        if (outcome is null)
        {
            // Nothing was written: report the person as the service already knows them.
            var known = people.Resolve(model, username);
            totalRatings = known.Films.Length;
            excludedCount = known.Excluded?.Count ?? 0;
        }
        bool newUser = outcome is null ? totalRatings == 0 : outcome == WriteOutcome.Created;
        var response = new RatingsUploadResponse(username, newUser, received, received - unmatchedCount,
            outcome is null ? 0 : uploaded.Count, unmatchedCount, unmatched, upload.Watched.Count, upload.Watchlist.Count,
            excludedCount, totalRatings, Note(received, unmatchedCount, outcome is null ? 0 : uploaded.Count), list, newToken);
        return new UploadResult(outcome, Busy: false, response);
    }

    private void Remember(string username, PersonWriteResult result, RatingsDataset data)
    {
        uploads.Record(UploadedUser.FromStore(username, result.RatedSlugs, result.Stars, result.ExcludedSlugs, result.Sequence, data));
        cache.Remove(username);
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
