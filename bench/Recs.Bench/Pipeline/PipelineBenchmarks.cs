using BenchmarkDotNet.Attributes;
using Recs.Bench.Data;
using Recs.Engine.Training;

namespace Recs.Bench.Pipeline;

/// <summary>The whole model pipeline as `recs train` runs it by default: centred matrix, SVD k = 64, k-means for k = 2..20, silhouette on 2,000 points.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PipelineBenchmarks
{
    private RatingTriples _ratings = null!;

    [ParamsSource(nameof(DataSets))]
    public string DataSet { get; set; } = BenchData.Synthetic;

    public static IEnumerable<string> DataSets => BenchData.Available(BenchData.MovieLens, BenchData.Synthetic, BenchData.Letterboxd);

    [GlobalSetup]
    public void Setup() => _ratings = BenchData.Ratings(DataSet);

    [Benchmark]
    public TrainingResult Train() => TrainingPipeline.Run(_ratings, new TrainingOptions());
}
