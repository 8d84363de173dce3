using System.Diagnostics;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Observability;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Storage.Import;

namespace Recs.Aot.Recommendations;

/// <summary>
/// Applies a parsed Letterboxd upload, one part per job:
/// <code>
/// LetterboxdUpload ─► UploadMatcher ─► MatchedUpload ─► UploadOverlay.Admits ─► IRatingStore.WritePersonAsync ─► PersonWriteResult
///   (the serving catalogue's matcher,     (full overlay: refused,     (one transaction: may this caller write
///    built once per catalogue)             nothing written)            this person, rows, NOTIFY other replicas)
/// PersonWriteResult ─► UploadOverlay.Record ─► RecommendationService.Recommend ─► UploadAnswer ─► RatingsUploadResponse
///   (stored state served at once, cached list dropped, reload when half full)
/// </code>
/// Films not in the catalogue are reported, never added: nothing could score them. An uploaded film replaces the
/// person's rating of it and their other ratings stay; a zip's watched and watchlist films replace their exclusions, a
/// bare ratings.csv leaves them as they were. Concurrent uploads of one person are ordered by the store's transactions
/// (each advances the change sequence), and the overlay keeps the latest.
/// </summary>
public sealed class RatingsUploadService(
    IRatingStore store, UploadedUsers uploads, PersonResolver people, RecommendationCache cache, RecommendationService recommendations,
    ModelLoader loader, RecsMetrics metrics)
{
    private readonly UploadMatcher _matcher = new();
    private readonly UploadOverlay _overlay = new(uploads, cache, loader);

    /// <summary>
    /// Stores the upload of <paramref name="username"/> matched against <paramref name="model"/>'s catalogue, as
    /// <paramref name="authority"/> presenting <paramref name="token"/> (null: none). Store failures propagate; a
    /// refusal (busy, or an outcome other than Created or Updated) writes nothing.
    /// </summary>
    public async Task<UploadResult> ApplyAsync(
        string username, LetterboxdUpload upload, ServingModel model, int limit, WriteAuthority authority, string? token, CancellationToken ct)
    {
        var matched = _matcher.Match(model.Data, username, upload);
        WriteOutcome? outcome = null;
        string? newToken = null;
        int totalRatings, excludedCount;
        if (matched.HasWrite)
        {
            if (!_overlay.Admits())
                return new UploadResult(null, Busy: true, null);
            var (created, createdHash) = WriteToken.Create();
            long writing = Stopwatch.GetTimestamp();
            var result = await store.WritePersonAsync(new PersonWrite(username, matched.Ratings, matched.Excluded, authority,
                token is null ? null : WriteToken.Hash(token), createdHash), ct);
            metrics.StoreOperationCompleted(StoreOperation.WritePerson, Stopwatch.GetElapsedTime(writing));
            // From the commit on, the person is recorded whatever the client does: a 2xx may be on its way.
            outcome = result.Outcome;
            if (!result.Stored)
                return new UploadResult(outcome, Busy: false, null);
            newToken = outcome == WriteOutcome.Created ? created : null;
            _overlay.Record(username, result, model.Data);
            totalRatings = result.RatedSlugs.Count;
            excludedCount = result.ExcludedSlugs.Count;
        }
        else
        {
            // Nothing was written: report the person as the service already knows them.
            var known = people.Resolve(model, username);
            totalRatings = known.Films.Length;
            excludedCount = known.Excluded?.Count ?? 0;
        }
        var list = recommendations.Recommend(username, limit, useCache: false);
        return new UploadResult(outcome, Busy: false,
            UploadAnswer.Compose(username, upload, matched, outcome, totalRatings, excludedCount, list, newToken));
    }
}
