using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Recs.Aot.Observability;

namespace Recs.Bench.Http;

/// <summary>
/// One <c>http.server.request.duration</c> measurement, three ways: aggregated by OpenTelemetry as ASP.NET Core's
/// hosting meter records it (a tag list of five built per request: scheme, method, protocol version, route, status; 14
/// buckets from 5 ms), aggregated by OpenTelemetry with three tags built once per endpoint, method and status (15 buckets
/// from 100 µs; what <c>Observability/RequestDurations</c> did before it counted for itself), and as it counts now: the
/// series' <see cref="DurationHistogram"/>, two atomic adds. The hosting meter's own bookkeeping around the measurement
/// (its tags feature, the endpoint's route metadata) is not in the first figure.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class RequestDurationRecordBenchmarks
{
    private const string Route = "/api/recomendacoes/{username}";
    private static readonly double[] HostingBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
    private static readonly double[] OwnBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];
    private static readonly object Ok = 200;

    private Meter _meter = null!;
    private Histogram<double> _hosting = null!;
    private Histogram<double> _own = null!;
    private KeyValuePair<string, object?>[] _ownTags = null!;
    private MeterProvider _collector = null!;
    private DurationHistogram _lockFree = null!;
    private double _seconds;
    private long _ticks;

    [GlobalSetup]
    public void Setup()
    {
        _meter = new Meter("Recs.Bench.Durations");
        _hosting = _meter.CreateHistogram("hosting.request.duration", "s", null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HostingBuckets });
        _own = _meter.CreateHistogram("own.request.duration", "s", null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = OwnBuckets });
        _ownTags = [new("http.route", Route), new("http.request.method", "GET"), new("http.response.status_code", Ok)];
        _collector = Sdk.CreateMeterProviderBuilder().AddMeter(_meter.Name).AddPrometheusExporter().Build();
        _ticks = 40 * Stopwatch.Frequency / 1_000_000;
        _seconds = Stopwatch.GetElapsedTime(0, _ticks).TotalSeconds;
        _lockFree = new DurationHistogram(OwnBuckets);
    }

    [Benchmark(Baseline = true, Description = "hosting meter's shape: 5 tags built per request")]
    public void Hosting()
    {
        var tags = new TagList
        {
            { "url.scheme", "http" },
            { "http.request.method", "GET" },
            { "network.protocol.version", "1.1" },
            { "http.route", Route },
            { "http.response.status_code", Ok },
        };
        _hosting.Record(_seconds, in tags);
    }

    [Benchmark(Description = "OpenTelemetry, 3 tags built once")]
    public void Own() => _own.Record(_seconds, _ownTags);

    [Benchmark(Description = "RequestDurations: DurationHistogram, atomic adds")]
    public void LockFree() => _lockFree.Record(_ticks);

    [GlobalCleanup]
    public void Cleanup()
    {
        _collector.Dispose();
        _meter.Dispose();
    }
}
