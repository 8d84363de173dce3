using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Recs.Math;

namespace Recs.Bench.Math;

/// <summary>
/// One dense symmetric positive-definite inversion in place, as EASE does once per λ (n = 4,000 there). The matrix is
/// diagonally dominant with random off-diagonal entries, so every pivot is well away from zero; each iteration inverts a
/// fresh copy made in the iteration setup. The column-by-column routine is the one the blocked routine replaced.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Settings))]
public class CholeskyBenchmarks
{
    // In the benchmark process: one invocation takes from tens of milliseconds to over a minute (the column-by-column
    // routine at n = 4,000), so process isolation buys nothing, and the in-process limit is raised above the default 5 minutes.
    private sealed class Settings : ManualConfig
    {
        public Settings() => AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithWarmupCount(1).WithIterationCount(3));
    }

    private double[] _source = null!, _work = null!;

    [Params(1000, 4000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _source = new double[N * N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < i; j++)
                _source[i * N + j] = _source[j * N + i] = random.NextDouble();
            _source[i * N + i] = N;
        }
        _work = new double[N * N];
    }

    [IterationSetup]
    public void Copy() => _source.CopyTo(_work, 0);

    [Benchmark(Description = "Invert (blocked)")]
    public void Invert() => Cholesky.Invert(_work, N);

    [Benchmark(Baseline = true, Description = "Invert (column by column)")]
    public void InvertByColumns() => ColumnCholesky.Invert(_work, N);
}
