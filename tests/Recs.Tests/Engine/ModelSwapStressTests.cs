using System.Net;
using System.Text.Json;
using Recs.Engine.Demo;
using Recs.Tests.Support;

namespace Recs.Tests.Engine;

/// <summary>Retraining swaps the model while requests run; no request may see a half-built model.</summary>
public sealed class ModelSwapStressTests
{
    [Fact]
    public async Task Parallel_requests_during_retrains_always_get_complete_answers()
    {
        string snapshot = Path.Combine(Path.GetTempPath(), $"recs-swap-{Guid.NewGuid():N}.snapshot");
        var store = await MemoryRatingStore.WithDemoDataAsync();
        try
        {
            // A generous time budget: training competes for the two cores, and a deadline fallback is not what this test is about.
            await using var service = await RunningService.StartAsync(store, $"--Recs:SnapshotPath={snapshot}",
                "--Recs:AdminToken=secret", "--Recs:TimeBudgetMs=20000", "--Recs:RateLimitPermitsPerSecond=100000", "--Recs:RateLimitBurst=100000");
            await WaitForTrainedAsync(service);
            await WaitForSnapshotAsync(snapshot);

            using (var denied = await service.Http.PostAsync("/api/admin/retrain", null))
                Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);

            var versions = new HashSet<string>();
            // Runs until requests have spanned three trained models (at least 3 s), or 90 s on a very slow machine.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var started = DateTime.UtcNow;
            var watcher = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    bool enough;
                    lock (versions)
                        enough = versions.Count >= 3 && DateTime.UtcNow - started > TimeSpan.FromSeconds(3);
                    if (enough)
                        stop.Cancel();
                    await Task.Delay(50);
                }
            });
            var retrains = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/retrain");
                    request.Headers.Authorization = new("Bearer", "secret");
                    using var response = await service.Http.SendAsync(request);
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    await Task.Delay(300);
                }
            });
            var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                int requests = 0;
                for (int i = c; !stop.IsCancellationRequested; i += 8, requests++)
                {
                    string user = $"{DemoCatalogue.UserPrefix}{i % DemoCatalogue.UserCount:000}";
                    using var doc = await service.GetJsonAsync($"/api/recomendacoes/{user}?limit=10");
                    var root = doc.RootElement;
                    string mode = root.GetProperty("mode").GetString()!;
                    Assert.True(mode is "computed" or "ultra_fast", $"{user}: {mode}: {root.GetProperty("note")}");
                    Assert.Equal(10, root.GetProperty("items").GetArrayLength());
                    lock (versions)
                        versions.Add(root.GetProperty("model_version").GetString()!);
                }
                return requests;
            })).ToArray();
            await retrains;
            await watcher;
            int total = (await Task.WhenAll(clients)).Sum();
            Assert.True(total > 100, $"only {total} requests ran");
            Assert.True(versions.Count >= 3, $"expected requests to span several trained models, saw {string.Join(", ", versions)}");
            Assert.All(versions, v => Assert.StartsWith("svd-", v));
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    [Fact]
    public async Task A_restart_serves_the_snapshot_at_once_and_a_corrupt_one_is_rejected()
    {
        string snapshot = Path.Combine(Path.GetTempPath(), $"recs-restart-{Guid.NewGuid():N}.snapshot");
        var store = await MemoryRatingStore.WithDemoDataAsync();
        try
        {
            await using (var first = await RunningService.StartAsync(store, $"--Recs:SnapshotPath={snapshot}"))
            {
                await WaitForTrainedAsync(first);
                await WaitForSnapshotAsync(snapshot);
            }

            await using (var second = await RunningService.StartAsync(store, $"--Recs:SnapshotPath={snapshot}"))
            {
                await second.WaitForModelAsync();
                using var health = await second.GetJsonAsync("/health");
                var trained = health.RootElement.GetProperty("model").GetProperty("trained");
                Assert.True(trained.GetProperty("serving").GetBoolean());
                Assert.Equal("snapshot", trained.GetProperty("source").GetString());
            }

            var bytes = await File.ReadAllBytesAsync(snapshot);
            bytes[bytes.Length / 2] ^= 0xFF;
            await File.WriteAllBytesAsync(snapshot, bytes);
            await using var third = await RunningService.StartAsync(store, $"--Recs:SnapshotPath={snapshot}");
            await WaitForTrainedAsync(third);
            using var after = await third.GetJsonAsync("/health");
            var source = after.RootElement.GetProperty("model").GetProperty("trained").GetProperty("source").GetString();
            Assert.Equal("training", source);
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    private static async Task WaitForTrainedAsync(RunningService service)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        string last = "";
        while (DateTime.UtcNow < until)
        {
            using var response = await service.Http.GetAsync("/health");
            last = await response.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(last);
            if (doc.RootElement.GetProperty("model").GetProperty("trained").GetProperty("serving").GetBoolean())
                return;
            await Task.Delay(50);
        }
        Assert.Fail($"no trained model within 60s; last /health: {last}");
    }

    // The snapshot is written just after the swap that /health reports, so it may lag by a moment.
    private static async Task WaitForSnapshotAsync(string path)
    {
        for (int i = 0; i < 400 && !File.Exists(path); i++)
            await Task.Delay(50);
        Assert.True(File.Exists(path), "a trained model is saved as a snapshot");
    }
}
