using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Recs.Engine.Demo;
using Recs.Tests.Support;
using Xunit.Abstractions;

namespace Recs.Tests.Http;

/// <summary>
/// The service on a real PostgreSQL server that it reaches through a <see cref="TcpProxy"/>, which the tests cut.
/// Under load, reads keep answering, uploads are refused honestly (503 with Retry-After, never an acknowledgement of
/// something not stored), /health tells the truth, and everything heals without a restart. Started without its
/// database, the service says it is starting until it can answer, then serves.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private static readonly string[] PersonalModes = ["computed", "ultra_fast"];
    private static readonly string[] ReadModes = ["computed", "ultra_fast", "fallback"];
    // /health measures the database on every call here; in production it reuses a reading for a few seconds.
    private static readonly string[] ServiceConfig =
        ["--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000", "--Recs:SnapshotPath=", "--Recs:HealthProbeCacheSeconds=0"];

    private static readonly TimeSpan CutAt = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LoadLength = TimeSpan.FromSeconds(20);

    // A pooled connection broken by the cut fails once when next used, and a connection attempt held by the blackhole
    // fails when the route heals; uploads sent this long after the restore must not meet either.
    private static readonly TimeSpan HealingGrace = TimeSpan.FromSeconds(2);

    [SkippableFact]
    public async Task Database_cut_under_load_keeps_reads_answering_refuses_uploads_honestly_and_heals_without_restart()
    {
        var total = Stopwatch.StartNew();
        await using var db = await ProxiedPostgresDatabase.CreateAsync();
        await using var service = await RunningService.StartAsync(db.Store, ["--Recs:Demo=true", .. ServiceConfig]);
        await service.WaitForTrainedModelAsync(60);
        output.WriteLine($"trained model serving after {total.Elapsed.TotalSeconds:0.0}s");

        var clock = Stopwatch.StartNew();
        var load = new OutageLoad(service.Http, clock);
        var running = load.RunAsync(LoadLength, readers: 4, uploaders: 2);
        await Task.Delay(CutAt);
        db.Proxy.Cut(OutageKind.Blackhole);
        var cut = clock.Elapsed;
        await Task.Delay(OutageLength);
        var restored = clock.Elapsed;
        db.Proxy.Restore();
        await running;

        var reads = load.Reads.ToList();
        var uploads = load.Uploads.ToList();
        var health = load.Health.ToList();
        output.WriteLine($"cut {cut.TotalSeconds:0.00}s, restored {restored.TotalSeconds:0.00}s: {reads.Count} reads, "
            + $"{uploads.Count} uploads ({uploads.Count(u => IsSuccess(u.Response))} acknowledged), {health.Count} health checks");

        AssertReadsAnsweredThroughout(reads, cut, restored);
        var acknowledged = AssertUploadsRefusedHonestly(uploads, cut, restored);
        AssertHealthTellsTheTruth(health, cut, restored);
        Assert.True(db.Proxy.Forwarded > 0, "the service never went through the proxy, so the cut proved nothing");

        int refusedYetStored = await AssertStoredExactlyAsAcknowledgedAsync(db, load, acknowledged);
        output.WriteLine($"{refusedYetStored} refused uploads had committed before their connection broke");
        await AssertServedPersonallyAsync(service, acknowledged, "after the outage");

        // A reload reads everything back from the store: what was acknowledged must survive it.
        using (var retrain = await service.Http.PostAsync("/api/admin/retrain", null))
            Assert.Equal(HttpStatusCode.Accepted, retrain.StatusCode);
        long stored = await db.RatingCountAsync();
        await WaitForHealthAsync(service, h => h.GetProperty("model").GetProperty("ratings").GetInt64() == stored,
            $"a model holding all {stored} stored ratings", TimeSpan.FromSeconds(20));
        await AssertServedPersonallyAsync(service, acknowledged, "after a reload from the store");
        output.WriteLine($"whole test {total.Elapsed.TotalSeconds:0.0}s");
    }

    [SkippableTheory]
    [InlineData(OutageKind.Refuse)]
    [InlineData(OutageKind.Blackhole)]
    public async Task Service_started_without_its_database_says_starting_then_serves_once_it_is_back(OutageKind outage)
    {
        var total = Stopwatch.StartNew();
        await using var db = await ProxiedPostgresDatabase.CreateAsync();
        db.Proxy.Cut(outage);
        await using var service = await RunningService.StartAsync(db.Store, ["--Recs:Demo=true", .. ServiceConfig]);

        Assert.Equal("pong", await service.Http.GetStringAsync("/ping"));
        for (int check = 0; check < 3; check++)
        {
            using var response = await service.Http.GetAsync("/health");
            string body = await response.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(body);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && doc.RootElement.GetProperty("status").GetString() == "starting",
                $"with no database and no model /health must be 503 \"starting\"; got {(int)response.StatusCode}: {body}");
            Assert.False(doc.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean(), body);
            await Task.Delay(300);
        }
        using (var rec = await service.Http.GetAsync("/api/recomendacoes/demo_001"))
        {
            string body = await rec.Content.ReadAsStringAsync();
            Assert.True(rec.StatusCode == HttpStatusCode.ServiceUnavailable, $"recommendations with no model: {(int)rec.StatusCode} {body}");
            Assert.True(rec.Headers.RetryAfter is not null, "a 503 recommendation must carry Retry-After");
            using var doc = JsonDocument.Parse(body);
            Assert.Equal("error", doc.RootElement.GetProperty("mode").GetString());
        }
        using (var upload = await service.Http.PostAsync("/api/users/early_bird/ratings", new StringContent(
            LetterboxdExportBuilder.RatingsCsv(DemoCatalogue.Films().Take(5).Select(f => (f, 4f))), Encoding.UTF8, "text/csv")))
        {
            Assert.True(upload.StatusCode == HttpStatusCode.ServiceUnavailable, $"an upload with no model: {(int)upload.StatusCode}");
            Assert.True(upload.Headers.RetryAfter is not null, "a 503 upload must carry Retry-After");
        }
        Assert.True(db.Proxy.Refused + db.Proxy.Held > 0, "the service never tried to reach its database while it was cut");
        Assert.Equal(0, db.Proxy.Forwarded);

        var clock = Stopwatch.StartNew();
        db.Proxy.Restore();
        // Until a model answers, /health stays 503 "starting"; the first 200 must come with personalised answers.
        var deadline = TimeSpan.FromSeconds(30);
        string last = "";
        while (true)
        {
            Assert.True(clock.Elapsed < deadline, $"no 200 from /health within {deadline.TotalSeconds:0}s of the database coming back; last: {last}");
            using var response = await service.Http.GetAsync("/health");
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            using var doc = JsonDocument.Parse(last[4..]);
            string? status = doc.RootElement.GetProperty("status").GetString();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.True(status is "healthy" or "degraded", $"200 with an unknown status: {last}");
                break;
            }
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && status == "starting",
                $"before a model answers /health must be 503 \"starting\"; got {last}");
            await Task.Delay(100);
        }
        output.WriteLine($"{outage}: /health 200 {clock.Elapsed.TotalSeconds:0.00}s after the database came back");
        using var list = await service.GetJsonAsync("/api/recomendacoes/demo_001?limit=10");
        Assert.Contains(list.RootElement.GetProperty("mode").GetString(), PersonalModes);
        Assert.Equal(10, list.RootElement.GetProperty("items").GetArrayLength());
        await WaitForHealthAsync(service, h => h.GetProperty("status").GetString() == "healthy", "healthy", TimeSpan.FromSeconds(10));
        output.WriteLine($"whole test {total.Elapsed.TotalSeconds:0.0}s");
    }

    private static void AssertReadsAnsweredThroughout(List<ObservedRequest> reads, TimeSpan cut, TimeSpan restored)
    {
        var bad = reads.Where(r => r.Status != 200 || !ReadModes.Contains(Field(r, "mode"))).ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} of {reads.Count} reads were not answered 200 from cache, model or fallback:\n{Lines(bad)}");
        var duringOutage = reads.Where(r => r.Within(cut, restored)).ToList();
        Assert.True(duringOutage.Count >= 50, $"only {duringOutage.Count} reads fell inside the outage; the load did not test it");
        Assert.True(duringOutage.Any(r => PersonalModes.Contains(Field(r, "mode"))), "no personalised read during the outage: the loaded model stopped serving");
    }

    private static List<OutageLoad.Upload> AssertUploadsRefusedHonestly(List<OutageLoad.Upload> uploads, TimeSpan cut, TimeSpan restored)
    {
        var unexpected = uploads.Where(u => u.Response.Status is not (200 or 201 or 503)).ToList();
        Assert.True(unexpected.Count == 0, $"uploads must be acknowledged or refused with 503; these were not:\n{Lines(unexpected)}");
        var unhelpful = uploads.Where(u => u.Response.Status == 503 && (!u.Response.HasRetryAfter || u.Response.MediaType != "application/problem+json")).ToList();
        Assert.True(unhelpful.Count == 0, $"a 503 upload must be problem+json with Retry-After:\n{Lines(unhelpful)}");

        var acknowledged = uploads.Where(u => IsSuccess(u.Response)).ToList();
        foreach (var upload in acknowledged)
        {
            using var doc = JsonDocument.Parse(upload.Response.Body);
            Assert.True(doc.RootElement.GetProperty("ratings_stored").GetInt32() == upload.Slugs.Length, $"acknowledged upload stored fewer films: {upload.Response}");
            string? mode = doc.RootElement.GetProperty("recommendations").GetProperty("mode").GetString();
            Assert.True(PersonalModes.Contains(mode), $"an acknowledged upload was answered with {mode} recommendations: {upload.Response}");
        }

        var duringOutage = uploads.Where(u => u.Response.Within(cut, restored)).ToList();
        Assert.True(duringOutage.Count >= 3, $"only {duringOutage.Count} uploads fell inside the outage; the load did not test it");
        var acceptedDuringOutage = duringOutage.Where(u => u.Response.Status != 503).ToList();
        Assert.True(acceptedDuringOutage.Count == 0, $"uploads with no database must be 503:\n{Lines(acceptedDuringOutage)}");
        Assert.True(uploads.Any(u => u.Response.Answered < cut && IsSuccess(u.Response)), "no upload was acknowledged before the cut");
        var afterHealing = uploads.Where(u => u.Response.Sent >= restored + HealingGrace).ToList();
        Assert.True(afterHealing.Count > 0, "no upload was sent after the database came back");
        var refusedAfterHealing = afterHealing.Where(u => !IsSuccess(u.Response)).ToList();
        Assert.True(refusedAfterHealing.Count == 0,
            $"uploads sent {HealingGrace.TotalSeconds:0}s after the database came back must be acknowledged:\n{Lines(refusedAfterHealing)}");
        return acknowledged;
    }

    private static void AssertHealthTellsTheTruth(List<ObservedRequest> health, TimeSpan cut, TimeSpan restored)
    {
        var not200 = health.Where(h => h.Status != 200).ToList();
        Assert.True(not200.Count == 0, $"/health must answer 200 while a model serves:\n{Lines(not200)}");
        Assert.True(health.Any(h => h.Answered < cut && Field(h, "status") == "healthy"), $"/health was never healthy before the cut:\n{Lines(health.Take(5))}");
        var duringOutage = health.Where(h => h.Within(cut, restored)).ToList();
        Assert.True(duringOutage.Count >= 3, $"only {duringOutage.Count} health checks fell inside the outage");
        var wrong = duringOutage.Where(h => Field(h, "status") != "degraded").ToList();
        Assert.True(wrong.Count == 0, $"/health must say degraded while the database is cut:\n{Lines(wrong)}");
        var healed = health.FirstOrDefault(h => h.Sent >= restored && Field(h, "status") == "healthy");
        Assert.True(healed is not null, $"/health did not say healthy again within {(health[^1].Answered - restored).TotalSeconds:0.0}s of the restore:\n{Lines(health.Where(h => h.Sent >= restored))}");
    }

    // Returns how many uploads that were not acknowledged were stored all the same (in full: never in part).
    private static async Task<int> AssertStoredExactlyAsAcknowledgedAsync(ProxiedPostgresDatabase db, OutageLoad load, List<OutageLoad.Upload> acknowledged)
    {
        int refusedYetStored = 0;
        var stored = await db.StoredSlugsAsync([.. load.Sent.Keys]);
        var acknowledgedNames = acknowledged.Select(u => u.Username).ToHashSet(StringComparer.Ordinal);
        foreach (var (username, slugs) in load.Sent)
        {
            var rows = stored[username].Order(StringComparer.Ordinal).ToList();
            var expected = slugs.Order(StringComparer.Ordinal).ToList();
            if (acknowledgedNames.Contains(username))
                Assert.True(rows.SequenceEqual(expected), $"acknowledged upload of {username} is stored as [{string.Join(", ", rows)}], expected each of [{string.Join(", ", expected)}] once");
            else
            {
                // A refused upload may still have committed just before its connection broke, but never in part.
                Assert.True(rows.Count == 0 || rows.SequenceEqual(expected), $"refused upload of {username} is stored in part: [{string.Join(", ", rows)}]");
                refusedYetStored += rows.Count == 0 ? 0 : 1;
            }
        }
        return refusedYetStored;
    }

    private static async Task AssertServedPersonallyAsync(RunningService service, List<OutageLoad.Upload> acknowledged, string when)
    {
        foreach (var upload in acknowledged)
        {
            using var test = await service.GetJsonAsync($"/api/test/{upload.Username}");
            Assert.True(test.RootElement.GetProperty("ratings").GetInt32() == upload.Slugs.Length,
                $"{when} the service knows {test.RootElement.GetProperty("ratings").GetInt32()} ratings of {upload.Username}, who uploaded {upload.Slugs.Length}");
            using var list = await service.GetJsonAsync($"/api/recomendacoes/{upload.Username}?limit=5");
            string? mode = list.RootElement.GetProperty("mode").GetString();
            Assert.True(PersonalModes.Contains(mode), $"{when} {upload.Username} got {mode} recommendations");
        }
    }

    private static async Task WaitForHealthAsync(RunningService service, Func<JsonElement, bool> done, string what, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < within)
        {
            using var response = await service.Http.GetAsync("/health");
            last = await response.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(last);
            if (done(doc.RootElement))
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"/health did not show {what} within {within.TotalSeconds:0}s; last: {last}");
    }

    private static bool IsSuccess(ObservedRequest r) => r.Status is >= 200 and < 300;

    private static string? Field(ObservedRequest r, string name)
    {
        if (r.MediaType is not ("application/json" or "application/problem+json"))
            return null;
        using var doc = JsonDocument.Parse(r.Body);
        return doc.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }

    private static string Lines(IEnumerable<ObservedRequest> requests) => string.Join('\n', requests.Take(8));

    private static string Lines(IEnumerable<OutageLoad.Upload> uploads) => Lines(uploads.Select(u => u.Response));
}
