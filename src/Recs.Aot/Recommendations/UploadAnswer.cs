using Recs.Aot.Http.Contracts;
using Recs.Engine.Storage;
using Recs.Storage.Import;

namespace Recs.Aot.Recommendations;

/// <summary>Writes the answer to an upload: what was received, matched and stored, the person's totals and their list.</summary>
internal static class UploadAnswer
{
    /// <summary>
    /// The response for <paramref name="upload"/> as matched in <paramref name="matched"/>; <paramref name="outcome"/> null
    /// when nothing was written, in which case nothing counts as stored.
    /// </summary>
    public static RatingsUploadResponse Compose(
        string username, LetterboxdUpload upload, MatchedUpload matched, WriteOutcome? outcome, int totalRatings, int excludedCount,
        RecommendationResponse list, string? newToken)
    {
        int received = upload.Ratings.Rows.Count;
        int stored = outcome is null ? 0 : matched.Ratings.Count;
        bool newUser = outcome is null ? totalRatings == 0 : outcome == WriteOutcome.Created;
        return new RatingsUploadResponse(username, newUser, received, received - matched.UnmatchedCount, stored, matched.UnmatchedCount,
            matched.Unmatched, upload.Watched.Count, upload.Watchlist.Count, excludedCount, totalRatings,
            Note(received, matched.UnmatchedCount, stored), list, newToken);
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
