using System.Net;
using System.Text;
using Recs.Engine.Demo;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>
/// GET /metrics over real HTTP: Prometheus text that moves with the requests made (recommendations by mode, cache
/// look-ups, uploads, rate-limit rejections, request durations by route and status), for operators only and outside
/// the API's rate limit.
/// </summary>
public sealed class MetricsEndpointTests(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private const string Route = "/api/recomendacoes/{username}";

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Counters_move_by_exactly_the_requests_made()
    {
        var before = await ScrapeAsync(Service);

        using (var first = await Service.GetJsonAsync("/api/recomendacoes/demo_017"))
            Assert.Equal("computed", first.RootElement.GetProperty("mode").GetString());
        using (var second = await Service.GetJsonAsync("/api/recomendacoes/demo_017"))
            Assert.Equal("ultra_fast", second.RootElement.GetProperty("mode").GetString());
        using (var stranger = await Service.GetJsonAsync("/api/recomendacoes/nobody_metrics_knows"))
            Assert.Equal("fallback", stranger.RootElement.GetProperty("mode").GetString());
        string csv = LetterboxdExportBuilder.RatingsCsv(DemoCatalogue.Films().Take(15).Select(f => (f, 4f)));
        using (var upload = await Service.Http.PostAsync("/api/users/metrics_fan/ratings", new StringContent(csv, Encoding.UTF8, "text/csv")))
            Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());

        var after = await ScrapeAsync(Service);
        double Moved(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);

        Assert.Equal(1, Moved("recs_recommendations_total", ("mode", "computed")));
        Assert.Equal(1, Moved("recs_recommendations_total", ("mode", "ultra_fast")));
        Assert.Equal(1, Moved("recs_recommendations_total", ("mode", "fallback")));
        // The repeat is the one hit; the first request and the stranger miss.
        Assert.Equal(1, Moved("recs_cache_lookups_total", ("result", "hit")));
        Assert.Equal(2, Moved("recs_cache_lookups_total", ("result", "miss")));
        // Computed twice: the first request and the upload's answer.
        Assert.Equal(2, Moved("recs_recommendation_compute_duration_seconds_count", ("mode", "computed")));
        Assert.Equal(1, Moved("recs_uploads_total", ("outcome", "created")));
        Assert.Equal(1, Moved("recs_store_operation_duration_seconds_count", ("operation", "write_person")));
        Assert.Equal(3, Moved("http_server_request_duration_seconds_count", ("http_route", Route), ("http_response_status_code", "200")));
        Assert.Equal(1, Moved("http_server_request_duration_seconds_count", ("http_route", "/api/users/{username}/ratings"), ("http_response_status_code", "201")));
        Assert.Equal(0, Moved("recs_rate_limit_rejections_total"));
        Assert.Equal("histogram", after.Types["http_server_request_duration_seconds"]);
        Assert.Equal("counter", after.Types["recs_recommendations_total"]);
        // The request durations keep their own buckets from 100 µs (a cached answer's range), not the SDK's defaults.
        var bounds = after.Matching("http_server_request_duration_seconds_bucket", ("http_route", Route)).Select(s => s.Labels["le"]).ToHashSet();
        Assert.True(bounds.Contains("0.0001") && bounds.Contains("0.00025"), $"request duration buckets: {string.Join(", ", bounds)}");
    }

    [Fact]
    public async Task Parallel_requests_are_counted_exactly_once_each()
    {
        const string User = "demo_023";
        using (var first = await Service.GetJsonAsync($"/api/recomendacoes/{User}"))
            Assert.Equal("computed", first.RootElement.GetProperty("mode").GetString());
        var before = await ScrapeAsync(Service);

        // Eight clients at once, each on its own connection, so the counts are added from several threads together.
        const int Clients = 8, Each = 60;
        var answers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            using var http = new HttpClient { BaseAddress = Service.Http.BaseAddress };
            int ok = 0;
            for (int i = 0; i < Each; i++)
            {
                using var response = await http.GetAsync($"/api/recomendacoes/{User}?limit=20");
                ok += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
            }
            return ok;
        }));
        Assert.Equal(Clients * Each, answers.Sum());

        var after = await ScrapeAsync(Service);
        double Moved(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        Assert.Equal(Clients * Each, Moved("recs_recommendations_total", ("mode", "ultra_fast")));
        Assert.Equal(Clients * Each, Moved("recs_cache_lookups_total", ("result", "hit")));
        Assert.Equal(0, Moved("recs_cache_lookups_total", ("result", "miss")));
        var ok200 = new[] { ("http_route", Route), ("http_request_method", "GET"), ("http_response_status_code", "200") };
        Assert.Equal(Clients * Each, Moved("http_server_request_duration_seconds_count", ok200));
        Assert.Equal(Clients * Each, Moved("http_server_request_duration_seconds_bucket", [.. ok200, ("le", "+Inf")]));
        // Cumulative buckets never fall, and the time moved by more than zero.
        var buckets = after.Matching("http_server_request_duration_seconds_bucket", ok200).Select(s => s.Value).ToList();
        Assert.Equal(buckets.Order(), buckets);
        Assert.True(Moved("http_server_request_duration_seconds_sum", ok200) > 0, "the durations' sum did not move");
    }

    [Fact]
    public async Task An_openmetrics_scrape_carries_the_request_durations_before_its_end()
    {
        using (await Service.Http.GetAsync("/ping")) { }
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var response = await Service.Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("\n# EOF\n", body, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(body, "# EOF"));
        Assert.Equal(1, Occurrences(body, "# TYPE http_server_request_duration_seconds histogram"));
        Assert.Contains("# UNIT http_server_request_duration_seconds seconds\n", body, StringComparison.Ordinal);
        var scrape = PrometheusText.Parse(body);
        Assert.True(scrape.Sum("http_server_request_duration_seconds_count", ("http_route", "/ping")) >= 1, "no /ping duration in the OpenMetrics scrape");
        Assert.True(scrape.Matching("recs_cache_lookups_total").Any(), "the collector's own families must still be there");
    }

    private static int Occurrences(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    [Fact]
    public async Task Model_training_and_connections_are_reported()
    {
        var scrape = await ScrapeAsync(Service);
        var model = Assert.Single(scrape.Matching("recs_model_info"));
        Assert.Equal("trained", model.Labels["ranker"]);
        Assert.False(string.IsNullOrEmpty(model.Labels["version"]), "recs_model_info must name the serving version");
        var age = Assert.Single(scrape.Matching("recs_model_age_seconds")).Value;
        Assert.InRange(age, 0, 600);
        Assert.True(scrape.Sum("recs_training_duration_seconds_count") >= 1, "the fixture waited for a trained model, so a training finished");
        Assert.Equal(0, scrape.Sum("recs_training_failures_total"));
        Assert.True(scrape.Sum("recs_store_operation_duration_seconds_count", ("operation", "read_all")) >= 1, "the first load reads the whole store");
        // The scrape's own connection is open while the scrape is written.
        Assert.True(scrape.Sum("kestrel_active_connections") >= 1, "kestrel_active_connections missing or zero during a scrape");
    }

    [Fact]
    public async Task Request_durations_come_from_the_service_and_unknown_methods_share_one_series()
    {
        using (await Service.Http.GetAsync("/api/recomendacoes/demo_018")) { }
        using (await Service.Http.SendAsync(new HttpRequestMessage(new HttpMethod("BREW"), "/ping"))) { }
        var scrape = await ScrapeAsync(Service);
        var durations = scrape.Matching("http_server_request_duration_seconds_count", ("http_route", Route)).ToList();
        Assert.True(durations.Count > 0, "no http_server_request_duration_seconds for the recommendations route");
        // Counted by Observability/RequestDurations and reported under the Recs scope; the hosting meter (and its per-request
        // http.server.active_requests) is not collected for its cost.
        Assert.All(durations, d => Assert.Equal("Recs", d.Labels["otel_scope_name"]));
        Assert.Empty(scrape.Matching("http_server_active_requests"));
        Assert.True(scrape.Sum("http_server_request_duration_seconds_count", ("http_request_method", "_OTHER")) >= 1,
            "a request with an invented method must be counted under http_request_method=\"_OTHER\"");
        Assert.Empty(scrape.Matching("http_server_request_duration_seconds_count", ("http_request_method", "BREW")));
    }

    [Fact]
    public async Task Without_a_token_a_request_relayed_by_a_local_proxy_is_refused_like_other_operator_endpoints()
    {
        foreach (string path in new[] { "/metrics", "/api/memory" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Forwarded-For", "198.51.100.1");
            using var response = await Service.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
                $"GET {path} relayed for 198.51.100.1 → {(int)response.StatusCode}; without a token only direct loopback callers are operators");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Rate_limit_rejections_are_counted_and_metrics_stay_reachable_when_the_limit_is_spent()
    {
        await using var service = await RunningService.StartAsync(new MemoryRatingStore(),
            "--Recs:RateLimitPermitsPerSecond=1", "--Recs:RateLimitBurst=1");
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            using var api = await service.Http.GetAsync("/api/recomendacoes/someone");
            statuses.Add(api.StatusCode);
        }
        int refused = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.True(refused >= 1, $"a burst of 1 let every request through: {string.Join(", ", statuses)}");
        // More scrapes than the burst: /metrics is not under the /api limit, and a scrape is not counted as refused.
        for (int i = 0; i < 5; i++)
        {
            var scrape = await ScrapeAsync(service);
            Assert.True(scrape.Sum("recs_rate_limit_rejections_total") == refused,
                $"recs_rate_limit_rejections_total is {scrape.Sum("recs_rate_limit_rejections_total")}; {refused} requests were answered 429");
            Assert.Equal(refused, scrape.Sum("http_server_request_duration_seconds_count", ("http_route", Route), ("http_response_status_code", "429")));
        }
    }

    [Fact]
    public async Task Only_a_get_scrapes()
    {
        using var post = await Service.Http.PostAsync("/metrics", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Metrics_switched_off_map_no_endpoint()
    {
        await using var service = await RunningService.StartAsync(new MemoryRatingStore(), "--Recs:Metrics=false");
        using var response = await service.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<PrometheusText> ScrapeAsync(RunningService service)
    {
        using var response = await service.Http.GetAsync("/metrics");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics from loopback → {(int)response.StatusCode}: {body}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(body);
    }
}
