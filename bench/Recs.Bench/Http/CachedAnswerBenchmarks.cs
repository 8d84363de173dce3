using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Endpoints;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Demo;
using Recs.Engine.Model;
using Recs.Engine.Serving;

namespace Recs.Bench.Http;

/// <summary>
/// One cached recommendation answer as the endpoint runs it: query and username checks, the cache look-up, the body
/// written to the response, on the demo catalogue's trained model. Routing, Kestrel and the socket are left out, so
/// what remains is the application's own cost per cached request; the response goes to a <see cref="DiscardingPipeWriter"/>.
/// With <see cref="Metrics"/> on, an OpenTelemetry meter provider aggregates Recs' meter as /metrics does, so the
/// cost of the instruments on this path (a cache hit, an answer by mode) is in the figures.
/// </summary>
[MemoryDiagnoser]
// In process: the generated project that references the whole service did not build within BenchmarkDotNet's
// two-minute limit on the shared 2-core machine.
[InProcess]
public class CachedAnswerBenchmarks
{
    private const string User = "demo_042";
    private RecommendationService _service = null!;
    private ModelHolder _holder = null!;
    private DefaultHttpContext _http = null!;
    private string _limit = "";
    private RecsMetrics _metrics = null!;
    private MeterProvider? _collector;

    [Params(1, 20, 100)]
    public int Limit { get; set; }

    [Params(false, true)]
    public bool Metrics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = DemoCatalogue.Dataset();
        var trained = ModelTrainer.Train(data, new ModelTrainingOptions(), DateTimeOffset.UtcNow);
        _holder = new ModelHolder();
        _holder.Swap(new ServingModel(data, "bench", DateTimeOffset.UtcNow, trained));
        var options = Options.Create(new RecsOptions());
        var uploads = new UploadedUsers(options);
        var services = new ServiceCollection().AddLogging().AddMetrics().BuildServiceProvider();
        _metrics = new RecsMetrics(services.GetRequiredService<IMeterFactory>(), _holder);
        _collector = Metrics ? Sdk.CreateMeterProviderBuilder().AddMeter(RecsMetrics.MeterName).AddPrometheusExporter().Build() : null;
        _service = new RecommendationService(_holder, new RecommendationCache(options, _metrics), uploads, new PersonResolver(uploads), _metrics, options);
        _service.Warm(User);
        _limit = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Response headers that keep Content-Length a number, as the server's do (see ReusedRequestFeatures).
        var features = new ReusedRequestFeatures(System.Net.IPAddress.Loopback);
        features.Reset("/api/recomendacoes/" + User, "?limit=" + _limit, "/api/recomendacoes/" + User + "?limit=" + _limit, null);
        _http = new DefaultHttpContext(features) { RequestServices = services };
    }

    [Benchmark(Description = "cached answer, endpoint")]
    public async Task Cached()
    {
        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.Clear();
        var result = RecommendationsEndpoint.Handle(User, _service, _holder, _metrics, _http);
        await result.ExecuteAsync(_http);
        await response.BodyWriter.FlushAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => _collector?.Dispose();
}
