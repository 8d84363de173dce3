namespace Recs.Math;

/// <summary>Outcome of a cluster-count scan: every candidate's score, ascending by count, and the winning clustering.</summary>
public sealed record ClusterCountSelection(IReadOnlyList<ClusterCountScore> Scores, int BestClusterCount, KMeansResult Best)
{
    /// <summary>Wall seconds spent fitting every candidate clustering.</summary>
    public double KMeansSeconds { get; init; }

    /// <summary>Wall seconds spent on the shared silhouette distances plus scoring every candidate.</summary>
    public double SilhouetteSeconds { get; init; }
}
