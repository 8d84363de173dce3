using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Math;

namespace Recs.Bench.Math;

/// <summary>
/// One mini-batch k-means fit (k = 12) on the pipeline's points, single-threaded as each candidate runs in the scan,
/// with its scratch buffers from a pool kept across calls as the scan keeps one across its fits.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class KMeansBenchmarks
{
    private readonly ScratchPool _scratch = new();
    private float[] _points = null!;

    [ParamsSource(nameof(DataSets))]
    public string DataSet { get; set; } = BenchData.Synthetic;

    public static IEnumerable<string> DataSets => BenchData.Available(BenchData.MovieLens, BenchData.Synthetic);

    [GlobalSetup]
    public void Setup() => _points = ClusteringPoints.For(DataSet);

    [Benchmark]
    public KMeansResult MiniBatchK12() =>
        MiniBatchKMeans.Fit(_points, ClusteringPoints.Rank, new MiniBatchKMeansOptions { ClusterCount = 12, Seed = 54 }, _scratch);
}
