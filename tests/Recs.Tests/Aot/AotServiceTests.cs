using System.Net;
using System.Text.Json;

namespace Recs.Tests.Aot;

/// <summary>The real AOT binary, started as a process on 127.0.0.1 over the embedded SQLite store with demo data.</summary>
public sealed class AotServiceTests
{
    [Fact]
    public async Task Aot_binary_serves_ping_and_a_personalised_recommendation()
    {
        await using var service = await RecsProcess.StartAsync(AotBinary.Path, TimeSpan.FromSeconds(30), "--demo");
        var http = service.Http;
        Assert.Equal("pong", await http.GetStringAsync("/ping"));

        JsonDocument? rec = null;
        for (int i = 0; i < 200; i++)
        {
            using var response = await http.GetAsync("/api/recomendacoes/demo_001?limit=10");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                rec = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (rec.RootElement.GetProperty("mode").GetString() != "fallback")
                    break;
            }
            await Task.Delay(100);
        }
        Assert.True(rec is not null, $"no recommendation from the AOT binary:\n{service.Output}");
        Assert.Equal("computed", rec!.RootElement.GetProperty("mode").GetString());
        Assert.Equal(10, rec.RootElement.GetProperty("items").GetArrayLength());
        rec.Dispose();
        await UploadAndOptionsWorkInTheBinaryAsync(http);
        // Write tokens are drawn and hashed without OpenSSL (KernelRandom, Sha256): on the embedded store nothing
        // needs libcrypto, which would add 3.7 MB resident.
        if (OperatingSystem.IsLinux())
            Assert.DoesNotContain("libcrypto", await File.ReadAllTextAsync($"/proc/{service.Id}/maps"), StringComparison.Ordinal);
        await MetricsAreServedByTheBinaryAsync(http);
        await TheBinaryRunsTheWorkstationCollectorAsync(http);
    }

    // The Web SDK defaults to server GC, whose budgets kept 20-50 MB more committed under load; the project file asks
    // for workstation GC, and this is the shipped binary's own report of what it runs.
    private static async Task TheBinaryRunsTheWorkstationCollectorAsync(HttpClient http)
    {
        using var memory = JsonDocument.Parse(await http.GetStringAsync("/api/memory"));
        var gc = memory.RootElement.GetProperty("gc");
        Assert.False(gc.GetProperty("server").GetBoolean(), "the AOT binary runs server GC");
        Assert.True(gc.GetProperty("concurrent").GetBoolean(), "the AOT binary runs without background collections");
        // Compiled into the binary (Recs.Aot.csproj): 1 MB regions keep 7-9 MB less committed under load than the default 4 MB.
        Assert.Equal(1024 * 1024, gc.GetProperty("region_bytes").GetInt64());
        await TheBinaryReleasesItsStartUpPagesAsync(http);
    }

    // The swap to the trained model takes the executable's start-up and training pages out of the working set, on a
    // pool thread, so the release may land a moment after the model serves.
    private static async Task TheBinaryReleasesItsStartUpPagesAsync(HttpClient http)
    {
        JsonElement image = default;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            using var memory = JsonDocument.Parse(await http.GetStringAsync("/api/memory"));
            image = memory.RootElement.GetProperty("image_pages").Clone();
            if (image.GetProperty("releases").GetInt64() >= 1)
                break;
            await Task.Delay(100);
        }
        Assert.True(image.GetProperty("releases").GetInt64() >= 1, $"no release of the executable's pages within 10 s: {image}");
        Assert.True(image.GetProperty("last_released_bytes").GetInt64() > 1024 * 1024,
            $"the last release dropped less than 1 MB of the executable: {image}");
    }

    // The exporter and the SDK run without reflection in the binary: the requests above show in the scrape.
    private static async Task MetricsAreServedByTheBinaryAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics from loopback → {(int)response.StatusCode}: {body}");
        var scrape = Support.PrometheusText.Parse(body);
        Assert.True(scrape.Sum("recs_recommendations_total", ("mode", "computed")) >= 1, $"no computed recommendation counted:\n{body}");
        Assert.Equal(2, scrape.Sum("recs_uploads_total", ("outcome", "created")));
        Assert.True(scrape.Sum("http_server_request_duration_seconds_count", ("http_route", "/api/recomendacoes/{username}")) >= 2,
            $"no request duration by route:\n{body}");
        Assert.True(scrape.Sum("recs_cache_lookups_total") >= 1, $"no cache look-up counted:\n{body}");
        Assert.Single(scrape.Matching("recs_model_info"));
    }

    // Body reading, multipart forms, zip reading and the new contracts must work without reflection, so they are
    // exercised in the binary itself, not only in-process.
    private static async Task UploadAndOptionsWorkInTheBinaryAsync(HttpClient http)
    {
        using (var filtered = await http.GetAsync("/api/recomendacoes/demo_001?limit=5&genres=horror&obscurity=0.9&format=csv"))
        {
            Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
            Assert.StartsWith("Title,Year,LetterboxdURI", await filtered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var invalid = await http.GetAsync("/api/recomendacoes/demo_001?type=film"))
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var films = Recs.Engine.Demo.DemoCatalogue.Films().Take(20).Select(f => (f, 4.5f));
        string csv = Http.LetterboxdExportBuilder.RatingsCsv(films, "\r\n");
        using var raw = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        using (var uploaded = await http.PostAsync("/api/users/aot_user/ratings", raw))
        {
            string body = await uploaded.Content.ReadAsStringAsync();
            Assert.True(uploaded.StatusCode == HttpStatusCode.Created, body);
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(20, doc.RootElement.GetProperty("ratings_stored").GetInt32());
            Assert.Equal("computed", doc.RootElement.GetProperty("recommendations").GetProperty("mode").GetString());
        }

        byte[] zip = Http.LetterboxdExportBuilder.Zip(("ratings.csv", csv), ("watched.csv", "Date,Name,Year,Letterboxd URI\n"));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(zip), "file", "export.zip" } };
        using (var multipart = await http.PostAsync("/api/users/aot_zip/ratings", form))
            Assert.True(multipart.StatusCode == HttpStatusCode.Created, await multipart.Content.ReadAsStringAsync());

        using var bad = new StringContent("Date,Title\n", System.Text.Encoding.UTF8, "text/csv");
        using var refused = await http.PostAsync("/api/users/aot_bad/ratings", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
