using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Math;

namespace Recs.Bench.Math;

/// <summary>
/// Sampled silhouette (2,000 points): one labelling per distance pass, and the 19 labellings of a k = 2..20 scan
/// sharing one pass.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class SilhouetteBenchmarks
{
    private float[] _points = null!;
    private int[] _labels = null!;
    private ReadOnlyMemory<int>[] _scan = null!;
    private double[] _scanScores = null!;
    private SilhouetteScorer _scorer = null!;

    [ParamsSource(nameof(DataSets))]
    public string DataSet { get; set; } = BenchData.Synthetic;

    public static IEnumerable<string> DataSets => BenchData.Available(BenchData.MovieLens, BenchData.Synthetic);

    [GlobalSetup]
    public void Setup()
    {
        _points = ClusteringPoints.For(DataSet);
        _labels = MiniBatchKMeans.Fit(_points, ClusteringPoints.Rank, new MiniBatchKMeansOptions { ClusterCount = 12, Seed = 54 }).Labels;
        // The labellings a cluster-count scan scores, one per count.
        _scan = Enumerable.Range(2, 19)
            .Select(k => (ReadOnlyMemory<int>)MiniBatchKMeans.Fit(_points, ClusteringPoints.Rank,
                new MiniBatchKMeansOptions { ClusterCount = k, Seed = 54 + k }).Labels)
            .ToArray();
        _scanScores = new double[_scan.Length];
        _scorer = new SilhouetteScorer(_points, ClusteringPoints.Rank, 2000, 42);
    }

    [GlobalCleanup]
    public void Cleanup() => _scorer.Dispose();

    [Benchmark(Description = "score one labelling")]
    public double ScoreOneLabelling() => _scorer.Score(_labels);

    [Benchmark(Description = "score 19 labellings in one pass")]
    public double ScoreNineteenLabellings()
    {
        _scorer.TryScoreEach(_scan, _scanScores, []);
        return _scanScores[^1];
    }
}
