using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;

namespace Recs.Engine.Serving;

/// <summary>
/// Everything a request needs, built together and swapped in as one reference: data, rankers, the trained model
/// (null until the first training finishes; the neighbourhood recommender serves meanwhile) and version.
/// </summary>
public sealed class ServingModel
{
    public ServingModel(RatingsDataset data, string version, DateTimeOffset builtAt, TrainedModel? trained = null, BlendWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (trained is not null && trained.Header.CatalogueFingerprint != CatalogueFingerprint.Of(data))
            throw new ArgumentException("the trained model was built on a different film catalogue", nameof(trained));
        Data = data;
        Version = version;
        BuiltAt = builtAt;
        Trained = trained;
        Weights = weights ?? BlendWeights.Default;
        Popularity = new PopularityRanking(data);
        // Only a model without trained factors ranks with it; its index is not worth keeping beside a trained one.
        Neighbourhood = trained is null ? new NeighbourhoodRecommender(data) : null;
    }

    public RatingsDataset Data { get; }
    public string Version { get; }
    public DateTimeOffset BuiltAt { get; }
    public PopularityRanking Popularity { get; }
    /// <summary>The ranker while no trained model exists for this catalogue (null once one does).</summary>
    public NeighbourhoodRecommender? Neighbourhood { get; }

    /// <summary>The SVD and cluster model that ranks films, or null while none has been trained for this catalogue.</summary>
    public TrainedModel? Trained { get; }

    public BlendWeights Weights { get; }

    /// <summary>True when <see cref="Recommend"/> applies <see cref="RecommendationQuery.Obscurity"/> itself (the trained blend does; the neighbourhood recommender does not).</summary>
    public bool WeighsObscurity => Trained is not null;

    /// <summary>
    /// Ranks films for someone with the given ratings (dataset user index <paramref name="user"/>, or -1 for a person the
    /// model was not built with), honouring <paramref name="query"/> and never returning a rated film or one in
    /// <paramref name="alsoExclude"/> (e.g. watched or watchlisted). Returns how many were written best first, or -1
    /// when <paramref name="deadline"/> (a Stopwatch timestamp) passed first.
    /// </summary>
    public int Recommend(
        ReadOnlySpan<int> films, ReadOnlySpan<float> stars, int user, RecommendationQuery query,
        IReadOnlySet<int>? alsoExclude, Span<ScoredFilm> output, long deadline = long.MaxValue)
    {
        var catalogue = Data.Films;
        if (Trained is not null)
            return BlendScorer.Recommend(Trained, Weights, films, stars, catalogue, query, alsoExclude, output, deadline);
        Func<int, bool> exclude = alsoExclude is null
            ? g => !query.Allows(catalogue[g])
            : g => alsoExclude.Contains(g) || !query.Allows(catalogue[g]);
        return Neighbourhood!.Recommend(films, stars, user, output, exclude, deadline);
    }

    /// <summary>
    /// Scores <paramref name="candidates"/> (film indices) for someone with the given ratings by the trained blend, one
    /// entry of <paramref name="output"/> per candidate in their order (NaN for a rated film); false, writing nothing,
    /// while no trained model exists.
    /// </summary>
    public bool TryScore(ReadOnlySpan<int> films, ReadOnlySpan<float> stars, ReadOnlySpan<int> candidates, Span<ScoredFilm> output)
    {
        if (Trained is null)
            return false;
        BlendScorer.Score(Trained, Weights, films, stars, candidates, output);
        return true;
    }

    /// <summary>Approximate resident bytes of this model: its data, popularity ranking and trained arrays.</summary>
    public long EstimatedBytes =>
        Data.EstimatedBytes + PopularityBytes + (Trained?.EstimatedBytes ?? 0) + (Neighbourhood?.EstimatedBytes ?? 0);

    /// <summary>Bytes of the popularity ranking (a score and a film index per film).</summary>
    public long PopularityBytes => Popularity.Scores.Length * 8L;
}
