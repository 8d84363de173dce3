using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Recs.Engine.Catalog;
using Recs.Engine.Demo;
using Recs.Storage.Postgres;
using Recs.Tests.Http;
using Recs.Tests.Storage;
using Xunit.Abstractions;

namespace Recs.Tests.Aot;

/// <summary>
/// Three `recs serve` processes (the AOT binary) on one real PostgreSQL database: one of them trains and the others
/// load its published model; an upload to one is served by the other two within a second; no replica trains while
/// another holds the training lease.
/// </summary>
public sealed class ReplicaTests(ITestOutputHelper output)
{
    private const string ApiKey = "replica-test-key";
    private static readonly IReadOnlyList<Film> Films = DemoCatalogue.Films();

    [SkippableFact]
    public async Task Three_replicas_train_once_share_the_model_and_serve_each_others_uploads_within_a_second()
    {
        await using var database = await TemporaryPostgresStore.CreateAsync();
        await database.Store.MigrateAsync();
        await database.Store.UpsertFilmsAsync(Films);
        await database.Store.UpsertRatingsAsync(DemoCatalogue.Ratings());
        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RecsProcess.StartAsync(AotBinary.Path, Environment(database),
            TimeSpan.FromSeconds(60), $"--Recs:ApiKey={ApiKey}", "--Recs:HealthProbeCacheSeconds=0", "--Recs:RefreshMinutes=0")));
        try
        {
            // Every replica serves a trained model, the same one, and exactly one of them trained it.
            var healths = await WaitForAllAsync(replicas, h => h.Trained.GetProperty("serving").GetBoolean(), TimeSpan.FromSeconds(120),
                "a trained model serving on every replica");
            var published = await PublishedIdsAsync(database);
            Assert.Single(published);
            Assert.All(healths, h =>
            {
                Assert.Equal("shared", h.Replicas.GetProperty("mode").GetString());
                Assert.True(h.Replicas.GetProperty("listening").GetBoolean(), "every replica listens to the others");
            });
            healths = await WaitForAllAsync(replicas, h => h.Replicas.GetProperty("published_model").GetInt64() == published[0], TimeSpan.FromSeconds(30),
                $"every replica serving publication #{published[0]}");
            Assert.Single(healths, h => h.Trained.GetProperty("source").GetString() == "training");
            Assert.Equal(2, healths.Count(h => h.Trained.GetProperty("source").GetString() == "published"));
            Assert.Single(healths.Select(h => h.Trained.GetProperty("version").GetString()).Distinct());

            // An upload to the first replica reaches the others' answers within a second, over lists they had cached.
            const string user = "replica_fan";
            var rated = Films.Where(f => f.Genres[0] == "Horror").Take(12).ToList();
            foreach (var other in replicas.Skip(1))
                Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync($"/api/recomendacoes/{user}")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, await UploadAsync(replicas[0], user, rated));
            var uploaded = Stopwatch.StartNew();
            var seenAfter = await Task.WhenAll(replicas.Skip(1).Select(r => WaitForRatingsAsync(r, user, rated.Count, uploaded)));
            Assert.All(seenAfter, t => Assert.True(t < TimeSpan.FromSeconds(1),
                $"another replica served the upload {t.TotalMilliseconds:0} ms after it was acknowledged (at most 1 s)"));
            output.WriteLine($"the upload was served by the other replicas {string.Join(" and ", seenAfter.Select(t => $"{t.TotalMilliseconds:0} ms"))} after it was acknowledged");
            var slugs = rated.Select(f => f.Slug).ToHashSet();
            foreach (var other in replicas.Skip(1))
            {
                using var list = JsonDocument.Parse(await other.Http.GetStringAsync($"/api/recomendacoes/{user}?limit=50"));
                Assert.Contains(list.RootElement.GetProperty("mode").GetString(), new[] { "computed", "ultra_fast" });
                var items = list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()!).ToList();
                Assert.NotEmpty(items);
                Assert.DoesNotContain(items, slugs.Contains);
            }

            // While something else holds the training lease, retraining is asked of every replica and none trains.
            await using (var holder = new NpgsqlConnection(database.ConnectionString))
            {
                await holder.OpenAsync();
                await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", holder))
                {
                    take.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresReplicaCoordination.TrainingLockKey });
                    await take.ExecuteNonQueryAsync();
                }
                foreach (var r in replicas)
                    Assert.Equal(HttpStatusCode.Accepted, (await r.Http.PostAsync("/api/admin/retrain", null)).StatusCode);
                await WaitForAllAsync(replicas, h => h.Replicas.GetProperty("training_lease").GetString() == "another replica",
                    TimeSpan.FromSeconds(30), "every replica refused the lease");
                Assert.Equal(published, await PublishedIdsAsync(database));
                // Explicitly: a pooled connection keeps its session, and its session lock, after it is closed.
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", holder);
                release.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresReplicaCoordination.TrainingLockKey });
                Assert.Equal(true, await release.ExecuteScalarAsync());
            }

            // The lease is free again: one retrain trains once, publishes, and every replica serves the new model.
            Assert.Equal(HttpStatusCode.Accepted, (await replicas[1].Http.PostAsync("/api/admin/retrain", null)).StatusCode);
            long newest = 0;
            await WaitForAllAsync(replicas, h =>
            {
                newest = h.Replicas.GetProperty("published_model").GetInt64();
                return newest > published[0];
            }, TimeSpan.FromSeconds(90), "every replica serving the model published after the retrain");
            Assert.Equal([published[0], newest], await PublishedIdsAsync(database));
        }
        finally
        {
            string logs = string.Join("\n---\n", replicas.Select(r => r.Output));
            foreach (var r in replicas)
                await r.DisposeAsync();
            output.WriteLine(logs.Length > 20_000 ? logs[^20_000..] : logs);
        }
    }

    private static Dictionary<string, string> Environment(TemporaryPostgresStore database)
    {
        var cs = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return new()
        {
            ["PGHOST"] = cs.Host!,
            ["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = cs.Username!,
            ["PGPASSWORD"] = cs.Password ?? "",
            ["PGDATABASE"] = cs.Database!,
        };
    }

    private sealed record Health(JsonElement Trained, JsonElement Replicas);

    private static async Task<Health[]> WaitForAllAsync(RecsProcess[] replicas, Func<Health, bool> condition, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        var last = Array.Empty<Health>();
        while (deadline.Elapsed < within)
        {
            last = await Task.WhenAll(replicas.Select(async r =>
            {
                using var response = await r.Http.GetAsync("/health");
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var root = body.RootElement;
                return new Health(root.GetProperty("model").GetProperty("trained").Clone(), root.GetProperty("replicas").Clone());
            }));
            if (last.All(condition))
                return last;
            await Task.Delay(100);
        }
        Assert.Fail($"not reached within {within.TotalSeconds:0}s: {what}; last health: {string.Join(" | ", last.Select(h => $"{h.Trained} {h.Replicas}"))}");
        return last;
    }

    private static async Task<TimeSpan> WaitForRatingsAsync(RecsProcess replica, string user, int count, Stopwatch since)
    {
        while (since.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var test = JsonDocument.Parse(await replica.Http.GetStringAsync($"/api/test/{user}"));
            if (test.RootElement.GetProperty("ratings").GetInt32() == count)
                return since.Elapsed;
            await Task.Delay(10);
        }
        Assert.Fail($"replica {replica.Id} did not serve {user}'s {count} uploaded ratings within 10 s");
        return since.Elapsed;
    }

    private static async Task<HttpStatusCode> UploadAsync(RecsProcess replica, string user, IEnumerable<Film> films)
    {
        var content = new StringContent(LetterboxdExportBuilder.RatingsCsv(films.Select(f => (f, 4.5f))), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user}/ratings") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        using var response = await replica.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<List<long>> PublishedIdsAsync(TemporaryPostgresStore database)
    {
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id FROM published_models ORDER BY id", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt64(0));
        return ids;
    }
}
