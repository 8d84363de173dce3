namespace Recs.Math;

/// <summary>Quality of one candidate cluster count: sampled silhouette in [−1, 1] (NaN if undefined) and exact inertia.</summary>
public sealed record ClusterCountScore(int ClusterCount, double Silhouette, double Inertia);
