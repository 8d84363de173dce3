namespace Recs.Math;

/// <summary>
/// Groups inside the clusters of a top-level clustering. The groups of cluster c are the flat ids
/// [GroupOffsets[c], GroupOffsets[c + 1]); group g's centroid occupies [g·Dimensions, (g + 1)·Dimensions) of
/// <see cref="Centroids"/>, and Labels holds each point's flat group id.
/// </summary>
public sealed class NestedClusteringResult(int dimensions, int[] groupOffsets, float[] centroids, int[] labels, double[] silhouettes,
    double[] groupSilhouettes)
{
    public int Dimensions { get; } = dimensions;

    /// <summary>ClusterCount + 1 ascending offsets; the last is the number of groups.</summary>
    public int[] GroupOffsets { get; } = groupOffsets;

    public float[] Centroids { get; } = centroids;

    public int[] Labels { get; } = labels;

    /// <summary>Per cluster: the sampled silhouette of the chosen split of its members, NaN when it was not split.</summary>
    public double[] Silhouettes { get; } = silhouettes;

    /// <summary>
    /// Per group: the mean silhouette of its sampled members within its cluster's split (own group against the nearest
    /// other group of the same cluster), the same sample as <see cref="Silhouettes"/>; NaN when the cluster was not
    /// split or no member of the group was sampled.
    /// </summary>
    public double[] GroupSilhouettes { get; } = groupSilhouettes;

    public int ClusterCount => GroupOffsets.Length - 1;

    public int GroupCount => GroupOffsets[^1];
}
