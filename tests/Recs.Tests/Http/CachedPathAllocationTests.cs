using System.Buffers;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Recs.Aot.Hosting;
using Recs.Aot.Http;
using Recs.Aot.Http.Access;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Demo;
using Recs.Engine.Model;
using Recs.Engine.Recommendation;
using Recs.Engine.Serving;

namespace Recs.Tests.Http;

/// <summary>
/// The service's own stages of a cached answer — the per-client rate limiter, the query, the cache look-up, writing the
/// body from the cached list, and the metrics it records (a cache hit, an answer by mode, collected by OpenTelemetry as
/// /metrics does) — allocate nothing per request (the whole pipeline is measured by RequestPipelineBenchmarks). One
/// thread, counted with <see cref="GC.GetAllocatedBytesForCurrentThread"/>, so the figure is exact.
/// </summary>
public sealed class CachedPathAllocationTests
{
    private const string User = "demo_042";
    private const int Requests = 2000;

    [Theory]
    [InlineData("", null)]
    [InlineData("?limit=20", null)]
    [InlineData("?limit=20&format=json", "203.0.113.7")]
    public void Admitting_parsing_finding_and_writing_a_cached_answer_allocate_nothing(string query, string? forwardedFor)
    {
        var metrics = new RecsMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), new ModelHolder());
        using var collector = Sdk.CreateMeterProviderBuilder().AddMeter(RecsMetrics.MeterName).AddPrometheusExporter().Build();
        var service = CachedService(metrics);
        var limiter = new ClientRateLimiter(TrustedProxies.Parse("127.0.0.1"), int.MaxValue, int.MaxValue);
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(query);
        http.Connection.RemoteIpAddress = forwardedFor is null ? IPAddress.Parse("192.0.2.10") : IPAddress.Loopback;
        if (forwardedFor is not null)
            http.Request.Headers[TrustedProxies.ForwardedForHeader] = forwardedFor;
        http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(ClientRateLimited.Instance), "api"));

        bool Request()
        {
            return limiter.TryAdmit(http, out _)
                && RecommendationQueryParsing.TryParseRequest(http.Request, out int limit, out var parsed, out bool csv, out _)
                && !csv && RecommendationService.IsDefault(parsed)
                && service.TryCached(User, limit, out var answer)
                && Written(answer)
                && Served(metrics);
        }

        for (int i = 0; i < 200; i++)
            Assert.True(Request(), $"warm-up request {i} was not a cached answer");
        // The least of three batches: an object made per request shows in every batch, while a one-off the runtime or a
        // library does on this thread now and then (seen once: 4,080 bytes in one batch of a whole test run) shows in one.
        long allocated = long.MaxValue;
        for (int batch = 0; batch < 3; batch++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Requests; i++)
                Request();
            allocated = System.Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        // Below one byte a request: any per-request object would be at least 24.
        Assert.True(allocated < Requests, $"{allocated} bytes over {Requests} cached requests ({(double)allocated / Requests:0.#} a request)");
    }

    [Theory]
    [InlineData("", 20, false)]
    [InlineData("?limit=5", 5, false)]
    [InlineData("?LIMIT=5&Format=CSV", 5, true)]
    [InlineData("?limit=&format=", 20, false)]
    [InlineData("?limit=%35", 5, false)]
    [InlineData("?format=json&other=x&limit=7", 7, false)]
    [InlineData("?&&limit=9&", 9, false)]
    public void Limit_and_format_read_in_place_mean_what_the_query_collection_says(string query, int limit, bool csv)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(query);
        Assert.True(RecommendationQueryParsing.TryParseRequest(http.Request, out int n, out var parsed, out bool isCsv, out var problem),
            $"{query} refused: {problem?.ProblemDetails.Detail}");
        Assert.Equal((limit, csv), (n, isCsv));
        Assert.Same(RecommendationQuery.Default, parsed);
    }

    [Theory]
    [InlineData("?limit=5&limit=6", "'5,6'")]
    [InlineData("?limit=0", "got '0'")]
    [InlineData("?limit=5&format=xml", "'format'")]
    public void A_bad_limit_or_format_is_refused_as_before(string query, string detailPart)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(query);
        Assert.False(RecommendationQueryParsing.TryParseRequest(http.Request, out _, out _, out _, out var problem), $"{query} was accepted");
        Assert.Equal(400, problem!.StatusCode);
        Assert.Contains(detailPart, problem.ProblemDetails.Detail);
    }

    // The body is assembled in a pooled buffer, as CachedBodyResponse does before copying it into the response pipe.
    private static bool Written(in CachedAnswer answer)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(answer.MaxLength);
        int length = answer.Write(buffer);
        ArrayPool<byte>.Shared.Return(buffer);
        return length > 0;
    }

    private static bool Served(RecsMetrics metrics)
    {
        metrics.RecommendationServed(RecommendationMode.UltraFast);
        return true;
    }

    private static RecommendationService CachedService(RecsMetrics metrics)
    {
        var data = DemoCatalogue.Dataset();
        var holder = new ModelHolder();
        holder.Swap(new ServingModel(data, "test", DateTimeOffset.UtcNow, ModelTrainer.Train(data, new ModelTrainingOptions(), DateTimeOffset.UtcNow)));
        var options = Options.Create(new RecsOptions());
        var uploads = new UploadedUsers(options);
        var service = new RecommendationService(holder, new RecommendationCache(options, metrics), uploads, new PersonResolver(uploads), metrics, options);
        service.Warm(User);
        return service;
    }
}
