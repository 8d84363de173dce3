using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Recs.Tests.Support;

namespace Recs.Tests.Aot;

/// <summary>
/// /health is the readiness probe: the real binary, started on the real 1M-rating Letterboxd set, answers 503
/// "starting" while it reads the data, and from the first 200 on, a known user's recommendation is personalised.
/// </summary>
public sealed class ReadinessTests
{
    private const string DataSet = "letterboxd-sdl60660-1m";

    [SkippableFact]
    public async Task Whenever_health_says_ready_a_known_user_gets_a_personalised_list()
    {
        string data = RepositoryPaths.Data(DataSet);
        Skip.IfNot(File.Exists(Path.Combine(data, "ratings.csv.gz")), $"{data} is absent: the readiness test needs the real 1M-rating Letterboxd set");
        string folder = RecsProcess.NewFolder();
        var (exit, output) = await RecsProcess.RunAsync(AotBinary.Path, folder, TimeSpan.FromMinutes(4), "import", "letterboxd-dataset", data);
        Assert.True(exit == 0, $"import failed ({exit}):\n{output}");
        string user = FirstUsername(Path.Combine(data, "ratings.csv.gz"));

        var started = Stopwatch.StartNew();
        await using var service = await RecsProcess.StartInAsync(AotBinary.Path, folder, TimeSpan.FromSeconds(30),
            "--Recs:HealthProbeCacheSeconds=0", "--Recs:RefreshMinutes=0");
        int notReady = 0, readyChecks = 0;
        TimeSpan? firstReady = null;
        while (readyChecks < 40 && started.Elapsed < TimeSpan.FromMinutes(3))
        {
            using var health = await service.Http.GetAsync("/health");
            using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            string status = body.RootElement.GetProperty("status").GetString()!;
            if (health.StatusCode != HttpStatusCode.OK)
            {
                Assert.True(firstReady is null, $"/health went back to {(int)health.StatusCode} {status} after being ready");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
                Assert.Equal("starting", status);
                notReady++;
                await Task.Delay(20);
                continue;
            }
            firstReady ??= started.Elapsed;
            readyChecks++;
            using var list = await service.Http.GetAsync($"/api/recomendacoes/{user}?limit=10");
            string text = await list.Content.ReadAsStringAsync();
            Assert.True(list.StatusCode == HttpStatusCode.OK, $"/health said {status} but the recommendation answered {(int)list.StatusCode}: {text}");
            using var doc = JsonDocument.Parse(text);
            string mode = doc.RootElement.GetProperty("mode").GetString()!;
            Assert.True(mode is "computed" or "ultra_fast", $"/health said {status} but {user} got mode {mode}: {text}");
            Assert.Equal(10, doc.RootElement.GetProperty("items").GetArrayLength());
        }
        Assert.True(firstReady is not null, $"never ready within 3 minutes:\n{service.Output}");
        Assert.True(notReady > 0, "the probe never saw the not-ready window; reading a million ratings cannot be instant");
    }

    private static string FirstUsername(string gzipPath)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress));
        string header = reader.ReadLine()!;
        int column = Array.FindIndex(header.Split(','), c => c.Trim('"').Equals("user_id", StringComparison.OrdinalIgnoreCase)
            || c.Trim('"').Equals("username", StringComparison.OrdinalIgnoreCase));
        Assert.True(column >= 0, $"no user column in {header}");
        return reader.ReadLine()!.Split(',')[column].Trim('"').ToLowerInvariant();
    }
}
