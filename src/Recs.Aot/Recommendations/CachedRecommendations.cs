using Recs.Engine.Recommendation;

namespace Recs.Aot.Recommendations;

/// <summary>
/// The head of a user's computed list (as many films as the request that computed it showed, at least the default
/// limit; <see cref="Complete"/> when that is the whole list), the model version that produced it and the sequence of
/// the person's pending upload it was computed from (0: none), so a list computed just before an upload is never
/// served after it, and beside each film the person's own films that explain it (<see cref="FilmEvidence"/>; the
/// person's ratings are not read again on a hit). 32 bytes an item (<see cref="ScoredFilm"/> and its evidence), about
/// 0.8 KB for the default 20 films: a hit's body is assembled from these and the catalogue's pre-escaped pieces
/// (<see cref="CachedAnswer"/>), so no rendered text is kept per person.
/// </summary>
public sealed class CachedRecommendations(
    string modelVersion, long personSequence, ScoredFilm[] films, FilmEvidence[] because, DateTimeOffset computedAt)
{
    public string ModelVersion { get; } = modelVersion;
    public long PersonSequence { get; } = personSequence;
    public ScoredFilm[] Films { get; } = films;

    /// <summary>Evidence for each of <see cref="Films"/>, at the same index.</summary>
    public FilmEvidence[] Because { get; } = because;
    public DateTimeOffset ComputedAt { get; } = computedAt;

    /// <summary>True when <see cref="Films"/> is the whole computed list, so it answers any limit.</summary>
    public bool Complete { get; init; }

    /// <summary>The person's flat taste group when the list was computed (-1: none), for the reasons of films without evidence.</summary>
    public int TasteGroup { get; init; } = -1;

    /// <summary>Approximate bytes the entry holds (its arrays and the object), for the cache's size bound.</summary>
    public long ByteCount => 64 + (long)Films.Length * (16 + 16) + 2 * 24;
}
