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

    /// <summary>Approximate resident bytes of this model.</summary>
    public long EstimatedBytes => Data.EstimatedBytes + Popularity.Scores.Length * 8L;
}
