using Recs.Engine.Recommendation;

namespace Recs.Aot.Recommendations;

/// <summary>
/// A user's full computed list (up to the maximum limit), the model version that produced it and the sequence of the
/// person's pending upload it was computed from (0: none), so a list computed just before an upload is never served
/// after it, and beside each film the person's own films that explain it (<see cref="FilmEvidence"/>, 16 bytes;
/// the person's ratings are not read again on a hit). Held as 16-byte <see cref="ScoredFilm"/>s so a full cache of a million-rating catalogue's users stays
/// within a few megabytes; the JSON body of a hit is rendered on the first hit, for as many items as were asked
/// (about 120 bytes an item), and reused by every later hit that asks for no more.
/// </summary>
public sealed class CachedRecommendations(
    string modelVersion, long personSequence, ScoredFilm[] films, FilmEvidence[] because, DateTimeOffset computedAt)
{
    private RenderedRecommendations? _rendered;

    public string ModelVersion { get; } = modelVersion;
    public long PersonSequence { get; } = personSequence;
    public ScoredFilm[] Films { get; } = films;

    /// <summary>Evidence for each of <see cref="Films"/>, at the same index.</summary>
    public FilmEvidence[] Because { get; } = because;
    public DateTimeOffset ComputedAt { get; } = computedAt;

    /// <summary>The rendered body, or null before the first hit. Hits may race to render; each rendering is the same, any one may stay.</summary>
    public RenderedRecommendations? Rendered
    {
        get => Volatile.Read(ref _rendered);
        set => Volatile.Write(ref _rendered, value);
    }
}
