namespace Recs.Engine.Model;

/// <summary>Sizes and provenance of a <see cref="TrainedModel"/>: what it was trained on, when, and its shape.</summary>
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
    double Silhouette);
