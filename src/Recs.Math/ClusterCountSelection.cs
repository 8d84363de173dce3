namespace Recs.Math;

/// <summary>Outcome of a cluster-count scan: every candidate's score, ascending by count, and the winning clustering.</summary>
public sealed record ClusterCountSelection(IReadOnlyList<ClusterCountScore> Scores, int BestClusterCount, KMeansResult Best)
{
    /// <summary>
    /// Per cluster of <see cref="Best"/>: the mean silhouette of its members in the shared sample, in [−1, 1]; NaN for a
    /// cluster with no sampled member, and for every cluster when the best count's silhouette is undefined.
    /// </summary>
    public IReadOnlyList<double> ClusterSilhouettes { get; init; } = [];

    /// <summary>Wall seconds spent fitting every candidate clustering.</summary>
    public double KMeansSeconds { get; init; }

    /// <summary>Wall seconds spent on the shared silhouette distances plus scoring every candidate.</summary>
    public double SilhouetteSeconds { get; init; }
}
