using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Demo;
using Recs.Engine.Serving;
using Recs.Tests.Support;
using Xunit.Abstractions;

namespace Recs.Tests.Http;

/// <summary>
/// A restart starts from its local snapshots (the data and the trained model) before the store is read, so it
/// answers personally even while the database is down, and then reads only what changed since the snapshot; a
/// snapshot of another store is never trusted past the first contact with the store.
/// </summary>
public sealed class ColdStartTests(ITestOutputHelper output)
{
    private static readonly string[] PersonalModes = ["computed", "ultra_fast"];

    [SkippableFact]
    public async Task A_restart_serves_its_snapshots_while_the_database_is_down_then_reads_only_what_changed()
    {
        string folder = Directory.CreateTempSubdirectory("recs-coldstart-").FullName;
        string snapshot = Path.Combine(folder, "model.snapshot");
        string[] config = [$"--Recs:SnapshotPath={snapshot}", "--Recs:Demo=true", "--Recs:HealthProbeCacheSeconds=0", "--Recs:RefreshMinutes=0"];
        try
        {
            await using var db = await ProxiedPostgresDatabase.CreateAsync();
            long servedSequence;
            int servedRatings;
            await using (var first = await RunningService.StartAsync(db.Store, config))
            {
                await first.WaitForTrainedModelAsync();
                await first.WaitForTrainingIdleAsync();
                using var health = await first.GetJsonAsync("/health");
                var model = health.RootElement.GetProperty("model");
                servedSequence = model.GetProperty("data_sequence").GetInt64();
                servedRatings = model.GetProperty("ratings").GetInt32();
                await WaitForDataSnapshotAsync(snapshot + ".data", servedSequence);
            }

            // Written while no service runs: only a read of the changes can bring these in.
            var late = DemoCatalogue.Films().Skip(40).Take(25).Select((f, i) => new RatingRecord("late_viewer", f.Slug, 1 + i % 9 * 0.5f, null)).ToList();
            await db.Store.UpsertRatingsAsync(late);

            db.Proxy.Cut(OutageKind.Refuse);
            long forwardedBefore = db.Proxy.Forwarded;
            await using var second = await RunningService.StartAsync(db.Store, config);
            var started = DateTime.UtcNow;
            await second.WaitForModelStateAsync(m => m.GetProperty("data_source").GetString() == "snapshot", "serving the data snapshot", 15);
            output.WriteLine($"serving from the snapshots {(DateTime.UtcNow - started).TotalSeconds:0.00}s after start, database down");
            using (var health = await second.Http.GetAsync("/health"))
            {
                string body = await health.Content.ReadAsStringAsync();
                Assert.True(health.StatusCode == HttpStatusCode.OK, $"a service serving its snapshot is ready (degraded): {body}");
                using var doc = JsonDocument.Parse(body);
                Assert.Equal("degraded", doc.RootElement.GetProperty("status").GetString());
                Assert.Equal(servedSequence, doc.RootElement.GetProperty("model").GetProperty("data_sequence").GetInt64());
                Assert.Equal("snapshot", doc.RootElement.GetProperty("model").GetProperty("trained").GetProperty("source").GetString());
            }
            using (var list = await second.GetJsonAsync("/api/recomendacoes/demo_001?limit=10"))
                Assert.Contains(list.RootElement.GetProperty("mode").GetString(), PersonalModes);
            Assert.Equal(forwardedBefore, db.Proxy.Forwarded);

            db.Proxy.Restore();
            await second.WaitForModelStateAsync(m => m.GetProperty("data_source").GetString() == "changes"
                && m.GetProperty("ratings").GetInt32() == servedRatings + late.Count, "the changes read and served", 30);
            using var after = await second.GetJsonAsync("/api/recomendacoes/late_viewer?limit=10");
            Assert.Contains(after.RootElement.GetProperty("mode").GetString(), PersonalModes);
            var rated = late.Select(r => r.FilmSlug).ToHashSet();
            foreach (var item in after.RootElement.GetProperty("items").EnumerateArray())
                Assert.DoesNotContain(item.GetProperty("film_id").GetString()!, rated);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_snapshot_of_another_store_is_replaced_by_a_full_read_of_the_store_connected()
    {
        string folder = Directory.CreateTempSubdirectory("recs-coldstart-").FullName;
        string snapshot = Path.Combine(folder, "model.snapshot");
        string[] config = [$"--Recs:SnapshotPath={snapshot}", "--Recs:RefreshMinutes=0"];
        try
        {
            var original = await MemoryRatingStore.WithDemoDataAsync();
            await ServeUntilSnapshotsAreSavedAsync(original, config, snapshot);

            // Another database with other people: the snapshot's sequence means nothing there.
            var other = new MemoryRatingStore();
            var films = DemoCatalogue.Films().Take(60).ToList();
            await other.UpsertFilmsAsync(films);
            await other.UpsertRatingsAsync(Enumerable.Range(0, 40).SelectMany(u => films.Skip(u % 20).Take(15)
                .Select((f, i) => new RatingRecord($"elsewhere_{u}", f.Slug, 0.5f + (u + i) % 10 * 0.5f, null))).ToList());
            await using var second = await RunningService.StartAsync(other, config);
            await second.WaitForModelStateAsync(m => m.GetProperty("data_source").GetString() == "store", "a full read of the other store", 30);
            using var health2 = await second.GetJsonAsync("/health");
            var model = health2.RootElement.GetProperty("model");
            Assert.Equal(40, model.GetProperty("users").GetInt32());
            Assert.Equal(60, model.GetProperty("films").GetInt32());
            using var gone = await second.GetJsonAsync("/api/test/demo_001");
            Assert.False(gone.RootElement.GetProperty("exists").GetBoolean(), "a person only the other store's snapshot knew is still served");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_data_served_from_the_snapshot_is_let_go_once_a_read_of_the_store_replaces_it()
    {
        string folder = Directory.CreateTempSubdirectory("recs-coldstart-").FullName;
        string snapshot = Path.Combine(folder, "model.snapshot");
        string[] config = [$"--Recs:SnapshotPath={snapshot}", "--Recs:RefreshMinutes=0"];
        try
        {
            var store = await MemoryRatingStore.WithDemoDataAsync();
            await ServeUntilSnapshotsAreSavedAsync(store, config, snapshot);
            await store.UpsertRatingsAsync([.. DemoCatalogue.Films().Take(12).Select((f, i) => new RatingRecord("late_viewer", f.Slug, 1 + i % 9 * 0.5f, null))]);

            // The store is down at start, so the snapshot serves first and is then replaced by a read of the changes.
            store.Failing = true;
            await using var second = await RunningService.StartAsync(store, config);
            await second.WaitForModelStateAsync(m => m.GetProperty("data_source").GetString() == "snapshot", "serving the data snapshot", 15);
            var fromSnapshot = ServedData(second);
            store.Failing = false;
            await second.WaitForModelStateAsync(m => m.GetProperty("data_source").GetString() == "changes", "serving a read of the changes", 30);
            for (int i = 0; i < 20 && IsAlive(fromSnapshot); i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await Task.Delay(100);
            }
            Assert.False(IsAlive(fromSnapshot), "the data set read from the snapshot is still reachable after a read of the store replaced it");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<RatingsDataset> ServedData(RunningService service) =>
        new(service.App.Services.GetRequiredService<ModelHolder>().Current!.Data);

    // In a frame of its own: the target fetched for the check must not stay on the test's stack while it collects.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsAlive(WeakReference<RatingsDataset> data) => data.TryGetTarget(out _);

    // A first run over the store that trains, saves both snapshots and stops, for a second run to start from them.
    private static async Task ServeUntilSnapshotsAreSavedAsync(MemoryRatingStore store, string[] config, string snapshot)
    {
        await using var first = await RunningService.StartAsync(store, config);
        await first.WaitForTrainedModelAsync();
        await first.WaitForTrainingIdleAsync();
        using var health = await first.GetJsonAsync("/health");
        await WaitForDataSnapshotAsync(snapshot + ".data", health.RootElement.GetProperty("model").GetProperty("data_sequence").GetInt64());
    }

    private static async Task WaitForDataSnapshotAsync(string path, long sequence)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        long seen = -1;
        while (DateTime.UtcNow < until)
        {
            if (File.Exists(path))
            {
                try
                {
                    seen = DatasetSnapshot.Load(path).Data.Sequence;
                    if (seen >= sequence)
                        return;
                }
                catch (IOException)
                {
                    // Being replaced right now.
                }
            }
            await Task.Delay(100);
        }
        Assert.Fail($"no data snapshot at sequence {sequence} in {path} within 30 s (last seen {seen})");
    }
}
