namespace Recs.Engine.Model;

/// <summary>
/// Sizes and provenance of a <see cref="TrainedModel"/>: what it was trained on, when, and its shape.
/// <see cref="DataSequence"/> is the store change sequence of the data it was trained on, so a restart can tell whether
/// the store changed since (any write moves it, including re-ratings that leave every count unchanged).
/// </summary>
public sealed record ModelHeader(
    string Version,
    DateTimeOffset TrainedAt,
    ulong CatalogueFingerprint,
    int UserCount,
    int FilmCount,
    int RatingCount,
    int TasteRank,
    int RankingRank,
    int ClusterCount,
    float GlobalMean,
    double Silhouette,
    long DataSequence = 0);
