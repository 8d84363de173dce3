using Recs.Engine.Training;

namespace Recs.Engine.Model;

/// <summary>Settings of <see cref="ModelTrainer"/>: the clustering pipeline's settings plus the rank of the ranking SVD.</summary>
public sealed record ModelTrainingOptions
{
    /// <summary>Centred SVD rank, cluster range, silhouette sample and seed.</summary>
    public TrainingOptions Pipeline { get; init; } = new();

    /// <summary>Factors of the raw-ratings SVD that ranks films (tuned on a validation split, see docs/QUALITY.md).</summary>
    public int RankingRank { get; init; } = 48;
}
