using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Bench.Serving;

/// <summary>
/// The CPU cost of one computed (uncached) recommendation list of 100 films for a known user, on a model trained on
/// the whole data set: the shipped SVD blend (fold-in + scoring + bounded heap) against the user-neighbourhood
/// recommender it replaced. Users are taken round-robin so the figure is an average over real rating counts.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class RecommendBenchmarks
{
    private readonly ScoredFilm[] _output = new ScoredFilm[100];
    private ServingModel _model = null!;
    private NeighbourhoodRecommender _neighbourhood = null!;
    // Each user's stars widened once, as the service's person resolution hands them to the scorer.
    private float[][] _stars = [];
    private int _next;

    [ParamsSource(nameof(DataSets))]
    public string DataSet { get; set; } = BenchData.Synthetic;

    public static IEnumerable<string> DataSets => BenchData.Available(BenchData.Letterboxd, BenchData.Synthetic);

    [GlobalSetup]
    public void Setup()
    {
        var triples = BenchData.Ratings(DataSet);
        var builder = new RatingsDatasetBuilder();
        foreach (string slug in triples.FilmIds)
            builder.AddFilm(new Film(slug, slug, null, [], "movie", null, null));
        for (int i = 0; i < triples.Count; i++)
            builder.AddRating(new RatingRecord(triples.UserIds[triples.Users[i]], triples.FilmIds[triples.Films[i]], triples.Stars[i], null));
        var data = builder.Build();
        var trained = ModelTrainer.Train(data, new ModelTrainingOptions(), DateTimeOffset.UtcNow);
        _model = new ServingModel(data, "bench", DateTimeOffset.UtcNow, trained);
        _neighbourhood = new NeighbourhoodRecommender(data);
        _stars = Enumerable.Range(0, data.UserCount).Select(data.StarsOf).ToArray();
    }

    [Benchmark(Description = "SVD blend (shipped)")]
    public int Blend()
    {
        int u = NextUser();
        var data = _model.Data;
        return _model.Recommend(data.FilmsOf(u), _stars[u], u, RecommendationQuery.Default, null, _output);
    }

    [Benchmark(Baseline = true, Description = "user neighbourhood")]
    public int Neighbourhood()
    {
        int u = NextUser();
        var data = _model.Data;
        return _neighbourhood.Recommend(data.FilmsOf(u), _stars[u], u, _output);
    }

    private int NextUser()
    {
        int u = _next;
        _next = (_next + 1) % _model.Data.UserCount;
        return u;
    }
}
