namespace Recs.Engine.Model;

/// <summary>
/// One person's constants of the blend (scales of the SVD and neighbour terms, their cluster's film statistics, the
/// popularity weight): the single place a film's score is computed, so every caller of <see cref="BlendScorer"/>
/// ranks by the same formula.
/// </summary>
internal readonly ref struct BlendTerms(
    TrainedModel model, BlendWeights weights, int cluster, float svdScale, float nearScale, float popularityScale)
{
    private readonly ReadOnlySpan<int> _counts = model.ClusterFilmCounts.AsSpan(cluster * model.FilmCount, model.FilmCount);
    private readonly ReadOnlySpan<float> _sums = model.ClusterFilmSums.AsSpan(cluster * model.FilmCount, model.FilmCount);
    private readonly ReadOnlySpan<float> _logPopularity = model.LogPopularity;
    private readonly float _mean = model.GlobalMean;

    /// <summary>How many people of the person's cluster rated <paramref name="film"/>.</summary>
    public int Supporters(int film) => _counts[film];

    /// <summary>The mean rating of <paramref name="film"/> in the person's cluster (0 when nobody there rated it).</summary>
    public float SupportMean(int film) => _counts[film] > 0 ? _sums[film] / _counts[film] : 0;

    /// <summary>
    /// The blend score of <paramref name="film"/> from its unscaled SVD score and its summed neighbour weight: scaled
    /// SVD + cluster damped mean (relative to the global mean) + log popularity + scaled neighbour term.
    /// </summary>
    public float Score(int film, float svd, float near)
    {
        int n = _counts[film];
        float damped = (_sums[film] + weights.ClusterDamping * _mean) / (n + weights.ClusterDamping);
        return svd * svdScale + weights.Cluster * (damped - _mean)
            + popularityScale * _logPopularity[film] + nearScale * near;
    }
}
