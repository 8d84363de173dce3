namespace Recs.Engine.Training;

/// <summary>Settings of one training run: SVD rank, the range of cluster counts tried, silhouette sample and seed.</summary>
public sealed record TrainingOptions
{
    public int Components { get; init; } = 64;
    public int MinClusters { get; init; } = 2;
    public int MaxClusters { get; init; } = 20;
    public int SilhouetteSample { get; init; } = 2000;
    public int Seed { get; init; } = 42;
}
