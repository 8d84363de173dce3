using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Math;

namespace Recs.Bench.Math;

/// <summary>
/// Truncated SVD of the centred ratings matrix by thick-restart Lanczos, at the pipeline's rank and half of it. The
/// work buffers come from a pool kept across calls, as a training run keeps one across its SVDs, so Allocated is what
/// each call returns.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LanczosBenchmarks
{
    private readonly ScratchPool _scratch = new();
    private CsrMatrix _a = null!;

    [ParamsSource(nameof(DataSets))]
    public string DataSet { get; set; } = BenchData.Synthetic;

    public static IEnumerable<string> DataSets => BenchData.Available(BenchData.MovieLens, BenchData.Synthetic);

    [Params(32, 64)]
    public int Rank { get; set; }

    [GlobalSetup]
    public void Setup() => _a = BenchData.Matrix(DataSet);

    [Benchmark]
    public TruncatedSvd Lanczos() => LanczosSvd.Compute(_a, new LanczosSvdOptions { Rank = Rank, Seed = 42 }, _scratch);
}
