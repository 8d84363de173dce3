namespace Recs.Math;

/// <summary>A clustering: centroids row-major ClusterCount×Dimensions, a label in [0, ClusterCount) per point, and the exact inertia.</summary>
public sealed class KMeansResult(int clusterCount, int dimensions, float[] centroids, int[] labels, double inertia, int iterations)
{
    public int ClusterCount { get; } = clusterCount;

    public int Dimensions { get; } = dimensions;

    /// <summary>Centroid c occupies [c·Dimensions, (c + 1)·Dimensions).</summary>
    public float[] Centroids { get; } = centroids;

    public int[] Labels { get; } = labels;

    /// <summary>Sum over points of the squared Euclidean distance to the assigned centroid, accumulated in double.</summary>
    public double Inertia { get; } = inertia;

    /// <summary>Mini-batches processed before a stopping rule fired.</summary>
    public int Iterations { get; } = iterations;
}
