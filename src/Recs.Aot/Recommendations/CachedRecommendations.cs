using Recs.Engine.Recommendation;

namespace Recs.Aot.Recommendations;

/// <summary>
/// A user's full computed list (up to the maximum limit), the model version that produced it and the sequence of the
/// person's pending upload it was computed from (0: none), so a list computed just before an upload is never served
/// after it. Held as 16-byte
/// <see cref="ScoredFilm"/>s rather than response objects so a full cache of a million-rating catalogue's users
/// stays within a few megabytes; titles and reasons are written when a response is made.
/// </summary>
public sealed record CachedRecommendations(string ModelVersion, long PersonSequence, ScoredFilm[] Films, DateTimeOffset ComputedAt);
