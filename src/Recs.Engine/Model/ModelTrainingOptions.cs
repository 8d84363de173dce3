using Recs.Engine.Training;

namespace Recs.Engine.Model;

/// <summary>Settings of <see cref="ModelTrainer"/>: the clustering pipeline's settings plus the rank of the ranking SVD.</summary>
public sealed record ModelTrainingOptions
{
    /// <summary>Centred SVD rank, cluster range, silhouette sample and seed.</summary>
    public TrainingOptions Pipeline { get; init; } = new();

    /// <summary>The second level of clustering: groups inside each cluster (its seed is offset from <see cref="TrainingOptions.Seed"/>).</summary>
    public Recs.Math.NestedClusteringOptions Groups { get; init; } = new();

    /// <summary>Factors of the raw-ratings SVD that ranks films (tuned on a validation split, see docs/QUALITY.md).</summary>
    public int RankingRank { get; init; } = 48;

    /// <summary>β of the popularity debiasing: the raw matrix's column f is scaled by count_f^(−β) before the ranking SVD (0 = none).</summary>
    public double PopularityDebias { get; init; } = 0.0;

    /// <summary>
    /// When true (the default) β and the ranking rank are chosen from <see cref="DebiasCandidates"/> and
    /// <see cref="RankCandidates"/> by validation inside the training ratings (<see cref="RankingSelection"/>);
    /// when false <see cref="PopularityDebias"/> and <see cref="RankingRank"/> are used as given.
    /// </summary>
    public bool SelectRanking { get; init; } = true;

    /// <summary>
    /// The choice of β and rank of the model this training replaces (<see cref="TrainedModel.Ranking"/>), or null. While
    /// the ratings are within <see cref="ReselectRankingAfter"/> of the count it was validated at, a retrain uses it
    /// instead of running <see cref="RankingSelection"/> again: the selection's three SVDs are most of the ranking
    /// stage, and a few percent more ratings do not move its answer.
    /// </summary>
    public RankingChoice? PreviousRanking { get; init; }

    /// <summary>How far (a fraction of the ratings it was validated at) the data may move before <see cref="PreviousRanking"/> is validated afresh.</summary>
    public double ReselectRankingAfter { get; init; } = 0.25;

    /// <summary>β values tried by <see cref="RankingSelection"/>.</summary>
    public IReadOnlyList<double> DebiasCandidates { get; init; } = [0.0, 0.15, 0.3];

    /// <summary>Ranks tried by <see cref="RankingSelection"/> (the largest is computed, smaller ones are its leading factors).</summary>
    public IReadOnlyList<int> RankCandidates { get; init; } = [32, 48];

    /// <summary>Most similar films kept per film for the item-neighbour term (0 = none).</summary>
    public int NeighbourCount { get; init; } = 50;

    /// <summary>Ridge penalty λ of the per-film regression on its neighbours (<see cref="ItemNeighbours.Regress"/>), tuned on validation splits.</summary>
    public double NeighbourPenalty { get; init; } = 100;

    /// <summary>At most about this many users are validated by <see cref="RankingSelection"/>, which bounds its cost.</summary>
    public int SelectionUsers { get; init; } = 1000;

    /// <summary>
    /// Above this many ratings <see cref="RankingSelection"/> chooses β and rank on an evenly spaced sample of users
    /// holding about this many, so its three SVDs cost a bounded share of training at any size (at 10M ratings they were
    /// more than half of it); below it, on every user.
    /// </summary>
    public int SelectionRatings { get; init; } = 2_000_000;
}
