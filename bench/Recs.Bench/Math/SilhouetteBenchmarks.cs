using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Math;

namespace Recs.Bench.Math;

/// <summary>Sampled silhouette (2,000 points): building the shared distance matrix once, and scoring one labelling with it.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class SilhouetteBenchmarks
{
    private float[] _points = null!;
    private int[] _labels = null!;
    private SilhouetteScorer _scorer = null!;

    [ParamsSource(nameof(DataSets))]
    public string DataSet { get; set; } = BenchData.Synthetic;

    public static IEnumerable<string> DataSets => BenchData.Available(BenchData.MovieLens, BenchData.Synthetic);

    [GlobalSetup]
    public void Setup()
    {
        _points = ClusteringPoints.For(DataSet);
        _labels = MiniBatchKMeans.Fit(_points, ClusteringPoints.Rank, new MiniBatchKMeansOptions { ClusterCount = 12, Seed = 54 }).Labels;
        _scorer = new SilhouetteScorer(_points, ClusteringPoints.Rank, 2000, 42);
    }

    [Benchmark(Description = "distance matrix")]
    public SilhouetteScorer DistanceMatrix() => new(_points, ClusteringPoints.Rank, 2000, 42);

    [Benchmark(Description = "score one labelling")]
    public double ScoreOneLabelling() => _scorer.Score(_labels);
}
