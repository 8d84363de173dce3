using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Recs.Aot.Http;
using Recs.Aot.Http.Access;
using Recs.Aot.Recommendations;

namespace Recs.Bench.Http;

/// <summary>
/// The service's own stages of a cached recommendation request, one at a time, on the pipeline's services: the
/// per-client rate limiter (through a trusted proxy, the costlier case), reading <c>?limit=20</c>, the cache look-up
/// by username, and writing the body from the cached list. Each should allocate nothing.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class CachedPathStageBenchmarks
{
    private InProcessService _service = null!;
    private ClientRateLimiter _limiter = null!;
    private RecommendationService _recommendations = null!;
    private DefaultHttpContext _http = null!;
    private CachedAnswer _answer;

    [GlobalSetup]
    public void Setup()
    {
        _service = new InProcessService(InProcessService.Proxy);
        _limiter = _service.Services.GetRequiredService<ClientRateLimiter>();
        _recommendations = _service.Services.GetRequiredService<RecommendationService>();
        var features = new ReusedRequestFeatures(InProcessService.Proxy);
        string path = "/api/recomendacoes/" + InProcessService.CachedUser;
        features.Reset(path, "?limit=20", path + "?limit=20", "203.0.113.7");
        _http = new DefaultHttpContext(features);
        // The limiter applies to endpoints marked as the /api group marks them.
        _http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(ClientRateLimited.Instance), "api"));
        if (!_recommendations.TryCached(InProcessService.CachedUser, 20, out _answer))
            throw new InvalidOperationException("the benchmark's user is not cached");
    }

    [Benchmark(Description = "rate limiter (forwarded client)")]
    public bool RateLimiter() => _limiter.TryAdmit(_http, out _);

    [Benchmark(Description = "query (?limit=20)")]
    public bool Query() => RecommendationQueryParsing.TryParseRequest(_http.Request, out _, out _, out _, out _);

    [Benchmark(Description = "cache look-up")]
    public bool CacheLookup() => _recommendations.TryCached(InProcessService.CachedUser, 20, out _);

    [Benchmark(Description = "response write")]
    public IResult ResponseWrite() => CachedBodyResponse.Write(_http.Response, _answer);

    [GlobalCleanup]
    public void Cleanup() => _service.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
