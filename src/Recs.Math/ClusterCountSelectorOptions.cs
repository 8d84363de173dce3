namespace Recs.Math;

/// <summary>Settings for <see cref="ClusterCountSelector"/>; the clustering settings apply to every candidate count.</summary>
public sealed record ClusterCountSelectorOptions
{
    public int MinClusters { get; init; } = 2;

    public int MaxClusters { get; init; } = 20;

    /// <summary>Points in the shared silhouette sample (memory grows with its square).</summary>
    public int SilhouetteSampleSize { get; init; } = 2000;

    /// <summary>Template for each run; ClusterCount is overwritten and Seed is offset by the count.</summary>
    public MiniBatchKMeansOptions KMeans { get; init; } = new();

    public int Seed { get; init; } = 42;

    /// <summary>Concurrent clusterings; 0 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; }
}
