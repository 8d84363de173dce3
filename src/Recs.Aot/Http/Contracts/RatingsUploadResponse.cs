namespace Recs.Aot.Http.Contracts;

/// <summary>
/// The body of POST /api/users/{username}/ratings: how many uploaded ratings matched the catalogue and were stored,
/// which did not (the first <c>unmatched</c> of <c>unmatched_count</c>), the watched/watchlist films now excluded,
/// and recommendations computed from the upload. <c>write_token</c> is set only in the reply that created the person:
/// it is shown once (only its hash is stored) and authorises their later uploads.
/// </summary>
public sealed record RatingsUploadResponse(
    string Username,
    bool NewUser,
    int RatingsReceived,
    int RatingsMatched,
    int RatingsStored,
    int UnmatchedCount,
    IReadOnlyList<UnmatchedFilm> Unmatched,
    int WatchedReceived,
    int WatchlistReceived,
    int ExcludedFilms,
    int TotalRatings,
    string Note,
    RecommendationResponse Recommendations,
    string? WriteToken);
