using Recs.Aot.Http.Contracts;
using Recs.Engine.Catalog;

namespace Recs.Aot.Recommendations;

/// <summary>
/// An upload matched to the catalogue: one rating per matched film, the matched watched and watchlist films (null for
/// a bare ratings.csv, which leaves exclusions as they are), and the rows that matched nothing (all counted, the first
/// <see cref="UploadMatcher.MaxUnmatchedListed"/> listed).
/// </summary>
public sealed record MatchedUpload(IReadOnlyList<RatingRecord> Ratings, string[]? Excluded, int UnmatchedCount, IReadOnlyList<UnmatchedFilm> Unmatched)
{
    /// <summary>True when the store has something to write: a matched rating or a list of exclusions.</summary>
    public bool HasWrite => Ratings.Count > 0 || Excluded is not null;
}
