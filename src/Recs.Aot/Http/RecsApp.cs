using Microsoft.AspNetCore.Server.Kestrel.Core;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Http.Endpoints;
using Recs.Aot.Http.OpenApi;
using Recs.Aot.Http.Page;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Storage;

namespace Recs.Aot.Http;

/// <summary>Builds the Kestrel application: services, middleware and every endpoint.</summary>
public static class RecsApp
{
    /// <summary>
    /// Builds the app for <paramref name="store"/> with its password-free <paramref name="target"/> description.
    /// Arguments are ASP.NET configuration (--urls, --Recs:Demo=true, …).
    /// </summary>
    public static WebApplication Build(string[] args, IRatingStore store, StoreTarget target)
    {
        // Training runs data-parallel loops on pool threads; spare pool threads keep request handling from queueing
        // behind them on a two-core machine (the pool otherwise injects threads only slowly under starvation).
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(System.Math.Max(workers, 4 * Environment.ProcessorCount), io);
        var builder = WebApplication.CreateSlimBuilder(args);
        ConfigureUrls(builder);
        ConfigureBodyDataRate(builder);
        // Per-request framework logs cost more than a cached answer; warnings and errors still come through.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, RecsJsonContext.Web);
            o.SerializerOptions.PropertyNamingPolicy = RecsJsonContext.WebOptions.PropertyNamingPolicy;
            o.SerializerOptions.Encoder = RecsJsonContext.WebOptions.Encoder;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddApiReference();
        builder.Services.Configure<RecsOptions>(builder.Configuration.GetSection("Recs"));

        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(target);
        builder.Services.AddSingleton<ModelHolder>();
        builder.Services.AddSingleton<RetiredModels>();
        builder.Services.AddSingleton<StoreStatus>();
        builder.Services.AddSingleton<ModelState>();
        builder.Services.AddSingleton<RecommendationCache>();
        builder.Services.AddSingleton<UploadedUsers>();
        builder.Services.AddSingleton<PersonResolver>();
        builder.Services.AddSingleton<LocalSnapshots>();
        builder.Services.AddSingleton<StoreConnection>();
        builder.Services.AddSingleton<DataFeed>();
        builder.Services.AddSingleton<ServingSwap>();
        builder.Services.AddSingleton<TrainingLoop>();
        builder.Services.AddSingleton<StoreProbe>();
        builder.Services.AddSingleton<RecommendationService>();
        builder.Services.AddSingleton<ListRanker>();
        builder.Services.AddSingleton<GroupRecommender>();
        builder.Services.AddSingleton<RatingsUploadService>();
        builder.Services.AddSingleton<UploadSlots>();
        builder.Services.AddSingleton<PreloadCoordinator>();
        builder.Services.AddSingleton<ModelLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ModelLoader>());
        builder.Services.AddSingleton(_ => StoreFactory.CoordinationFor(store));
        builder.Services.AddSingleton<ReplicaStatus>();
        builder.Services.AddSingleton<ModelPublication>();
        builder.Services.AddHostedService<ReplicaSync>();
        builder.AddClientRateLimiting();
        builder.AddPrometheusMetrics();

        var app = builder.Build();
        app.UseRequestDurations();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(MalformedRequests.HandleAsync);
        app.Use(HeadRequests.HandleAsync);
        // Routing runs after the HEAD rewrite, so that HEAD finds the GET endpoints.
        app.UseRouting();
        app.UseClientRateLimit();

        app.MapPing().MapHealth().MapApiReference();
        app.MapPrometheusMetrics();
        app.MapPage();
        var api = app.MapGroup("/api").RequireClientRateLimit();
        api.MapMemory().MapUserTest().MapRecommendations().MapRatingsUpload().MapCache().MapPreload().MapDebug().MapSimilarFilms().MapAdmin();
        api.MapRankList().MapGroupRecommendations().MapClusters();

        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"recs: ready on {string.Join(' ', app.Urls)} (store: {store.Kind} {target.Description})"));
        return app;
    }

    private static void ConfigureUrls(WebApplicationBuilder builder)
    {
        // Railway and most PaaS pass the port in PORT; an explicit --urls or ASPNETCORE_URLS wins.
        if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } port)
            builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
        else if (builder.Configuration["urls"] is null)
            builder.WebHost.UseUrls("http://127.0.0.1:8080");
    }

    // Kestrel refuses a body arriving slower than this with a 408 BadHttpRequestException, which MalformedRequests answers.
    // Kestrel answers a request line over its limit itself, with a bare 414 the application never sees; 32 KB lets
    // long query values (a 10 KB genre list) reach the parameter checks and their problem+json instead.
    private static void ConfigureBodyDataRate(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Recs").Get<RecsOptions>() ?? new RecsOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MinRequestBodyDataRate = options.MinRequestBodyBytesPerSecond > 0
                ? new MinDataRate(options.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(options.RequestBodyGraceSeconds))
                : null;
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        });
    }

    /// <summary>Longest request line (method, target, version) Kestrel accepts; longer is its own bare 414.</summary>
    public const int MaxRequestLineBytes = 32 * 1024;
}
