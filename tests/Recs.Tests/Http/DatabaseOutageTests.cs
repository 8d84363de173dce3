using System.Net;
using System.Text.Json;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>A failing database degrades the service and never crashes it.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Unreachable_database_at_start_is_not_ready_then_recovers_without_restart()
    {
        var store = new MemoryRatingStore { Failing = true };
        await using var service = await RunningService.StartAsync(store, "--Recs:Demo=true", "--Recs:HealthProbeCacheSeconds=0");

        Assert.Equal("pong", await service.Http.GetStringAsync("/ping"));
        using (var health = await service.Http.GetAsync("/health"))
        {
            using var doc = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            // Nothing can answer personally yet: a platform's readiness check must not route traffic here.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("starting", doc.RootElement.GetProperty("status").GetString());
            Assert.False(doc.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean());
            Assert.Contains("simulated outage", doc.RootElement.GetProperty("database").GetProperty("error").GetString());
        }
        using (var rec = await service.Http.GetAsync("/api/recomendacoes/demo_001"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, rec.StatusCode);
            Assert.True(rec.Headers.RetryAfter is not null, "503 must carry Retry-After");
            using var doc = JsonDocument.Parse(await rec.Content.ReadAsStringAsync());
            Assert.Equal("error", doc.RootElement.GetProperty("mode").GetString());
        }

        Assert.True(store.MigrateCalls >= 1, "start-up must try to reach the database");
        store.Failing = false;
        await service.WaitForModelAsync(30);
        using var after = await service.GetJsonAsync("/api/recomendacoes/demo_001");
        Assert.Equal("computed", after.RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Database_outage_after_start_keeps_serving_from_the_loaded_model()
    {
        var store = await MemoryRatingStore.WithDemoDataAsync();
        await using var service = await RunningService.StartAsync(store, "--Recs:HealthProbeCacheSeconds=0");
        await service.WaitForModelAsync();

        store.Failing = true;
        using var rec = await service.GetJsonAsync("/api/recomendacoes/demo_010?limit=5");
        Assert.Equal("computed", rec.RootElement.GetProperty("mode").GetString());
        Assert.Equal(5, rec.RootElement.GetProperty("items").GetArrayLength());
        using var health = await service.GetJsonAsync("/health");
        Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("ready", health.RootElement.GetProperty("model").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Rate_limit_answers_429_with_retry_after_and_problem_json()
    {
        var store = new MemoryRatingStore();
        await using var service = await RunningService.StartAsync(store, "--Recs:RateLimitPermitsPerSecond=1", "--Recs:RateLimitBurst=3");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (int i = 0; i < 6; i++)
        {
            var response = await service.Http.GetAsync("/api/test/someone");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                rejected ??= response;
            else
                response.Dispose();
        }
        Assert.True(rejected is not null, $"expected a 429 among {string.Join(", ", statuses)}");
        Assert.True(rejected!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 must say when to retry");
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        rejected.Dispose();
        Assert.Equal("pong", await service.Http.GetStringAsync("/ping"));
    }
}
