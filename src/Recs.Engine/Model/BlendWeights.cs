namespace Recs.Engine.Model;

/// <summary>
/// How <see cref="BlendScorer"/> mixes its three signals, each scaled to about [0, 1] per request: the raw-SVD score
/// (divided by the user's best candidate), the cluster's damped mean rating minus the global mean (per star), and
/// log popularity (divided by the most rated film's). Defaults were tuned by NDCG@10 on validation splits.
/// </summary>
public sealed record BlendWeights(float Svd, float Cluster, float Popularity)
{
    /// <summary>The shipped weights (docs/QUALITY.md shows how they were chosen).</summary>
    public static BlendWeights Default { get; } = new(1f, 0.1f, 0.05f) { Neighbours = 0.6f };

    /// <summary>Only the raw-SVD reconstruction: PureSVD.</summary>
    public static BlendWeights PureSvd { get; } = new(1f, 0f, 0f);

    /// <summary>Weight of the item-neighbour score (the candidate's regression weights summed over its neighbours the person rated, divided by the best candidate's).</summary>
    public float Neighbours { get; init; }

    /// <summary>Pseudo-ratings at the global mean added to each cluster's ratings of a film, so few ratings cannot make a film look great.</summary>
    public float ClusterDamping { get; init; } = 5f;

    /// <summary>Fewest ratings from the user's cluster for a film to be a candidate.</summary>
    public int MinClusterSupport { get; init; } = 1;
}
