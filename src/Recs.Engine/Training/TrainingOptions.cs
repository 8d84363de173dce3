namespace Recs.Engine.Training;

/// <summary>Settings of one training run: SVD rank, the range of cluster counts tried, silhouette sample, seed and cluster geometry.</summary>
public sealed record TrainingOptions
{
    public int Components { get; init; } = 64;
    public int MinClusters { get; init; } = 2;
    public int MaxClusters { get; init; } = 20;
    public int SilhouetteSample { get; init; } = 2000;
    public int Seed { get; init; } = 42;

    /// <summary>True clusters L2-normalised rows of U·Σ (taste directions); false clusters raw U·Σ, as scikit-learn's peer does.</summary>
    public bool NormaliseRows { get; init; } = true;
}
