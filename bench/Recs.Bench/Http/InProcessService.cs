using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Recs.Aot.Hosting;
using Recs.Aot.Http;
using Recs.Aot.Recommendations;
using Recs.Engine.Demo;
using Recs.Engine.Model;
using Recs.Engine.Serving;
using Recs.Storage.Sqlite;

namespace Recs.Bench.Http;

/// <summary>
/// The service as <see cref="RecsApp.Build"/> assembles it — every middleware, routing, the rate limiter and the
/// endpoints — serving a model trained on the demo catalogue, driven in process without Kestrel or a socket. One
/// <see cref="DefaultHttpContext"/> is reused across requests the way the server reuses its own.
/// </summary>
internal sealed class InProcessService : IAsyncDisposable
{
    /// <summary>The person whose list is cached and rendered before any request is measured.</summary>
    public const string CachedUser = "demo_042";

    /// <summary>The one trusted proxy; requests from any other peer ignore X-Forwarded-For.</summary>
    public static readonly IPAddress Proxy = IPAddress.Loopback;

    private readonly WebApplication _app;
    private readonly RequestDelegate _pipeline;
    private readonly ReusedRequestFeatures _features;
    private readonly DefaultHttpContext _http;
    private readonly Microsoft.Extensions.DependencyInjection.IServiceScopeFactory _scopes;
    private readonly string _dbPath;

    /// <summary>A service whose client is <paramref name="remote"/>; with <paramref name="metrics"/>, collecting what /metrics reports.</summary>
    public InProcessService(IPAddress remote, bool metrics = false)
    {
        _dbPath = Path.Combine(Path.GetTempPath(), $"recs-bench-{Environment.ProcessId}.db");
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Recs:SnapshotPath=",
            // Far above what a benchmark sends, so every measured request passes the limiter.
            "--Recs:RateLimitPermitsPerSecond=1000000000", "--Recs:RateLimitBurst=1000000000",
            $"--Recs:TrustedProxies={Proxy}", $"--Recs:Metrics={metrics}",
        ];
        _app = RecsApp.Build(args, new SqliteRatingStore(_dbPath), new StoreTarget("benchmark"));
        // The host adds the endpoint middleware when it starts; the benchmark builds the pipeline without starting it.
        _app.UseEndpoints(static _ => { });
        _pipeline = ((IApplicationBuilder)_app).Build();
        // The host creates the meter provider when it starts; without it nothing would listen to the instruments.
        if (metrics)
            _app.Services.GetRequiredService<MeterProvider>();
        _scopes = _app.Services.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>();
        ServeDemoModel();
        _features = new ReusedRequestFeatures(remote);
        _http = new DefaultHttpContext(_features);
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Status of the last response.</summary>
    public int StatusCode => _features.StatusCode;

    /// <summary>Body bytes of the last response.</summary>
    public long BodyBytes => _features.BodyBytes;

    /// <summary>One request through the whole pipeline, its response completed.</summary>
    public async Task SendAsync(string path, string query, string rawTarget, string? forwardedFor)
    {
        _http.Uninitialize();
        _features.Reset(path, query, rawTarget, forwardedFor);
        _http.Initialize(_features);
        _http.ServiceScopeFactory = _scopes;
        await _pipeline(_http);
        await _features.CompleteAsync();
    }

    private void ServeDemoModel()
    {
        var data = DemoCatalogue.Dataset();
        var trained = ModelTrainer.Train(data, new ModelTrainingOptions(), DateTimeOffset.UtcNow);
        _app.Services.GetRequiredService<ModelHolder>().Swap(new ServingModel(data, "bench", DateTimeOffset.UtcNow, trained));
        _app.Services.GetRequiredService<RecommendationService>().Warm(CachedUser);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        File.Delete(_dbPath);
    }
}
