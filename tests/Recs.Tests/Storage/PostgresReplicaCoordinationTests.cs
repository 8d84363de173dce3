using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;
using Recs.Storage.Postgres;

namespace Recs.Tests.Storage;

/// <summary>
/// The coordination of replicas through PostgreSQL on a real server: the training lease is exclusive and dies with
/// its holder's connection, publications keep the two newest, and LISTEN/NOTIFY carries uploads and publications
/// exactly when they commit.
/// </summary>
public sealed class PostgresReplicaCoordinationTests : IAsyncLifetime
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(10);
    private TemporaryPostgresStore? _database;

    private TemporaryPostgresStore Database => _database ?? throw new InvalidOperationException("not initialised");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }

    private async Task<(IRatingStore Store, PostgresReplicaCoordination Replicas)> OpenAsync()
    {
        _database = await TemporaryPostgresStore.CreateAsync();
        await Database.Store.MigrateAsync();
        return (Database.Store, new PostgresReplicaCoordination(Database.ConnectionString));
    }

    [SkippableFact]
    public async Task One_replica_holds_the_training_lease_until_it_releases_it_or_its_connection_dies()
    {
        var (_, replicas) = await OpenAsync();
        await using var other = new PostgresReplicaCoordination(Database.ConnectionString);
        await using (replicas)
        {
            var first = await replicas.TryTakeTrainingLeaseAsync();
            Assert.NotNull(first);
            Assert.Null(await other.TryTakeTrainingLeaseAsync());
            await first.DisposeAsync();

            var second = await other.TryTakeTrainingLeaseAsync();
            Assert.NotNull(second);
            Assert.Null(await replicas.TryTakeTrainingLeaseAsync());

            // A holder that dies (here: its backend terminated, as when the process is killed) frees the lease.
            Assert.Equal(1, await TerminateLeaseHoldersAsync());
            Assert.NotNull(await replicas.TryTakeTrainingLeaseAsync());
            await second.DisposeAsync();    // releasing a lease whose connection is gone is not an error
        }
    }

    [SkippableFact]
    public async Task Published_models_round_trip_byte_for_byte_and_only_the_two_newest_are_kept()
    {
        var (_, replicas) = await OpenAsync();
        await using (replicas)
        {
            Assert.Null(await replicas.LatestModelAsync());
            var bytes = Enumerable.Range(0, 3).Select(i => RandomNumberGenerator.GetBytes(200_000 + i)).ToArray();
            var published = new List<PublishedModel>();
            for (int i = 0; i < bytes.Length; i++)
            {
                using var source = new MemoryStream(bytes[i]);
                published.Add(await replicas.PublishModelAsync($"v{i}", 10 + i, ulong.MaxValue - (ulong)i, source));
            }
            Assert.True(published[0].Id < published[1].Id && published[1].Id < published[2].Id, "ids must grow");

            var latest = await replicas.LatestModelAsync();
            Assert.NotNull(latest);
            Assert.Equal(published[2].Id, latest.Id);
            Assert.Equal(("v2", 12L, ulong.MaxValue - 2, (long)bytes[2].Length), (latest.Version, latest.DataSequence, latest.CatalogueFingerprint, latest.Bytes));
            for (int i = 1; i < 3; i++)
            {
                using var copy = new MemoryStream();
                Assert.True(await replicas.CopyModelAsync(published[i].Id, copy));
                Assert.Equal(bytes[i], copy.ToArray());
            }
            using var gone = new MemoryStream();
            Assert.False(await replicas.CopyModelAsync(published[0].Id, gone), "the third-newest publication must be pruned");
        }
    }

    [SkippableFact]
    public async Task Listeners_hear_committed_uploads_and_publications_but_never_a_refused_write()
    {
        var (store, replicas) = await OpenAsync();
        await using (replicas)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await using var events = await ListeningAsync(store, replicas, stop.Token);

            var written = await store.WritePersonAsync(Write("cleo", token: null));
            Assert.Equal(WriteOutcome.Created, written.Outcome);
            // Refused (no token): rolled back, so nothing may be heard of it.
            Assert.Equal(WriteOutcome.TokenRequired, (await store.WritePersonAsync(Write("cleo", token: null))).Outcome);
            using (var model = new MemoryStream([1, 2, 3]))
                await replicas.PublishModelAsync("v1", written.Sequence, 7, model);
            var again = await store.WritePersonAsync(Write("cleo", token: "t"));

            Assert.Equal(new ReplicaEvent(ReplicaEventKind.PersonWritten, written.Sequence, "cleo"), await NextAsync(events));
            var publication = await NextAsync(events);
            Assert.Equal(ReplicaEventKind.ModelPublished, publication.Kind);
            Assert.Equal((await replicas.LatestModelAsync())!.Id, publication.Sequence);
            Assert.Equal(new ReplicaEvent(ReplicaEventKind.PersonWritten, again.Sequence, "cleo"), await NextAsync(events));
        }
    }

    [SkippableFact]
    public async Task A_listener_whose_connection_dies_says_so_and_listens_again()
    {
        var (store, replicas) = await OpenAsync();
        await using (replicas)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await using var events = await ListeningAsync(store, replicas, stop.Token);

            await using (var admin = new NpgsqlConnection(Database.ConnectionString))
            {
                await admin.OpenAsync();
                await using var kill = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'", admin);
                Assert.Equal(1L, await kill.ExecuteScalarAsync());
            }
            // The probe of a quiet connection finds it dead within its idle check; then it is reopened.
            Assert.Equal(ReplicaEventKind.Lost, (await NextAsync(events, TimeSpan.FromSeconds(30))).Kind);
            Assert.Equal(ReplicaEventKind.Listening, (await NextAsync(events, TimeSpan.FromSeconds(30))).Kind);
            var written = await store.WritePersonAsync(Write("dan", token: null));
            Assert.Equal(new ReplicaEvent(ReplicaEventKind.PersonWritten, written.Sequence, "dan"), await NextAsync(events));
        }
    }

    // The one film the writes rate, and a listener past its first event (which must say it listens).
    private static async Task<IAsyncEnumerator<ReplicaEvent>> ListeningAsync(IRatingStore store, IReplicaCoordination replicas, CancellationToken ct)
    {
        await store.UpsertFilmsAsync([new Film("film-a", "A", 2000, ["Drama"], "movie", null, null)], ct);
        var events = replicas.ListenAsync(ct).GetAsyncEnumerator(ct);
        Assert.Equal(ReplicaEventKind.Listening, (await NextAsync(events)).Kind);
        return events;
    }

    private static PersonWrite Write(string user, string? token) =>
        new(user, [new RatingRecord(user, "film-a", 4, null)], null, WriteAuthority.Person,
            token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes("t")));

    private static async Task<ReplicaEvent> NextAsync(IAsyncEnumerator<ReplicaEvent> events, TimeSpan? within = null)
    {
        var next = events.MoveNextAsync().AsTask();
        if (await Task.WhenAny(next, Task.Delay(within ?? EventWait)) != next)
            Assert.Fail($"no replica event within {(within ?? EventWait).TotalSeconds:0}s");
        Assert.True(await next, "the event stream ended");
        return events.Current;
    }

    // pg_locks lists every database's locks, and other tests' services take the same key in their own databases.
    private async Task<long> TerminateLeaseHoldersAsync()
    {
        await using var admin = new NpgsqlConnection(Database.ConnectionString);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_locks
            WHERE locktype = 'advisory' AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((classid::bigint << 32) | objid::bigint) = $1
            """, admin);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresReplicaCoordination.TrainingLockKey });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
