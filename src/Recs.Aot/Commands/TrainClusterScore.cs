namespace Recs.Aot.Commands;

/// <summary>One tried cluster count: its sampled silhouette (null when undefined) and the clustering's inertia.</summary>
internal sealed record TrainClusterScore(int K, double? Silhouette, double Inertia);
