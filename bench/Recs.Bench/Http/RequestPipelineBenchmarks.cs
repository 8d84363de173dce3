using System.Net;
using BenchmarkDotNet.Attributes;

namespace Recs.Bench.Http;

/// <summary>
/// Whole requests through the service's real middleware pipeline (exception handler, status pages, malformed-request
/// and HEAD handling, routing, the per-client rate limiter, the endpoint with its parameter binding, the response),
/// in process: only Kestrel and the socket are left out. <c>/ping</c> is the framework's floor, a route without
/// parameters, the rate limiter or a query; the cached recommendation cases add what the service does per request.
/// With <see cref="Metrics"/> on, the request adds what /metrics reports: its duration, counted by the first middleware
/// (<c>Observability/RequestDurations</c>), the cache hit and the answer's mode, all atomic adds that OpenTelemetry's
/// meter provider (listening, as in the service) reads only on a scrape.
/// </summary>
[MemoryDiagnoser]
// In process for the same reason as CachedAnswerBenchmarks: the generated project does not build in time here.
[InProcess]
public class RequestPipelineBenchmarks
{
    private const string Recommendations = "/api/recomendacoes/" + InProcessService.CachedUser;
    private static readonly IPAddress DirectClient = IPAddress.Parse("192.0.2.10");

    private InProcessService _service = null!;

    public static IEnumerable<PipelineCase> Cases() =>
    [
        new("ping", "/ping", "", null),
        new("cached", Recommendations, "", null),
        new("cached limit", Recommendations, "?limit=20", null),
        // Through a trusted proxy that names the client in X-Forwarded-For.
        new("cached proxy", Recommendations, "?limit=20", "203.0.113.7"),
    ];

    [ParamsSource(nameof(Cases))]
    public PipelineCase Case { get; set; } = null!;

    [Params(false, true)]
    public bool Metrics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _service = new InProcessService(Case.ForwardedFor is null ? DirectClient : InProcessService.Proxy, Metrics);
        Request().GetAwaiter().GetResult();
        if (_service.StatusCode != 200 || _service.BodyBytes == 0)
            throw new InvalidOperationException($"{Case.RawTarget} answered {_service.StatusCode} with {_service.BodyBytes} body bytes");
    }

    [Benchmark(Description = "request through the pipeline")]
    public Task Request() => _service.SendAsync(Case.Path, Case.Query, Case.RawTarget, Case.ForwardedFor);

    [GlobalCleanup]
    public void Cleanup() => _service.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
