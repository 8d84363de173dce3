using Recs.Engine.Data;
using Recs.Engine.Recommendation;

namespace Recs.Engine.Serving;

/// <summary>Everything a request needs, built together and swapped in as one reference: data, rankers and version.</summary>
public sealed class ServingModel
{
    public ServingModel(RatingsDataset data, string version, DateTimeOffset builtAt)
    {
        Data = data;
        Version = version;
        BuiltAt = builtAt;
        Popularity = new PopularityRanking(data);
        Neighbourhood = new NeighbourhoodRecommender(data);
    }

    public RatingsDataset Data { get; }
    public string Version { get; }
    public DateTimeOffset BuiltAt { get; }
    public PopularityRanking Popularity { get; }
    public NeighbourhoodRecommender Neighbourhood { get; }

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
        Func<int, bool> exclude = alsoExclude is null
            ? g => !query.Allows(catalogue[g])
            : g => alsoExclude.Contains(g) || !query.Allows(catalogue[g]);
        return Neighbourhood.Recommend(films, stars, user, output, exclude, deadline);
    }

    /// <summary>Approximate resident bytes of this model.</summary>
    public long EstimatedBytes => Data.EstimatedBytes + Popularity.Scores.Length * 8L;
}
