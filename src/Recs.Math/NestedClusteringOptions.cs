namespace Recs.Math;

/// <summary>Settings for <see cref="NestedClustering"/>: the group size aimed at, the sub-count range and the silhouette sample.</summary>
public sealed record NestedClusteringOptions
{
    /// <summary>A cluster of n points is split into at least ⌈n / MaxGroupSize⌉ groups, so groups average at most this many points.</summary>
    public int MaxGroupSize { get; init; } = 300;

    /// <summary>The top of the silhouette scan: sub-counts [max(2, ⌈n / MaxGroupSize⌉), max(that, MaxSubClusters)] are tried.</summary>
    public int MaxSubClusters { get; init; } = 12;

    /// <summary>Points per cluster in the silhouette sample (memory grows with its square).</summary>
    public int SilhouetteSampleSize { get; init; } = 1000;

    /// <summary>Clusters with fewer points stay one group (a split of three or fewer points says nothing).</summary>
    public int MinClusterSizeToSplit { get; init; } = 4;

    public int Seed { get; init; } = 42;
}
