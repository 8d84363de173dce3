using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Recs.Engine.Storage;

namespace Recs.Storage.Postgres;

/// <summary>
/// <see cref="IReplicaCoordination"/> with PostgreSQL as the coordinator: the training lease is a session-level advisory
/// lock held on its own connection (released when the lease is disposed, or by the server when the holder's connection
/// dies); models are published as rows of <c>published_models</c> (the two newest kept); events travel by
/// LISTEN/NOTIFY on <see cref="PostgresEvents.Channel"/>. Its connections are not pooled: a lock must end with the
/// connection that took it, never stay behind in a pool.
/// </summary>
public sealed class PostgresReplicaCoordination : IReplicaCoordination
{
    /// <summary>The advisory lock key of the training lease.</summary>
    public const long TrainingLockKey = 0x5265_6373_0002;

    // Events read but not yet taken by the listener; past it, notifications are dropped and a Listening event tells the
    // listener to look for what it missed.
    private const int EventBuffer = 4096;
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(10);
    private static readonly StoreRetryPolicy Reconnect = new() { UntilCancelled = true, InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(10) };

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Coordinates through the database <paramref name="connectionString"/> names; nothing connects until a call needs it.</summary>
    public PostgresReplicaCoordination(string connectionString)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Pooling = false;
        builder.EnableTransportSecurity();
        _dataSource = builder.Build();
    }

    public bool Shared => true;

    public async Task<IAsyncDisposable?> TryTakeTrainingLeaseAsync(CancellationToken ct = default)
    {
        var conn = await _dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", conn);
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = TrainingLockKey });
            if (await cmd.ExecuteScalarAsync(ct) is true)
                return new Lease(conn);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        await conn.DisposeAsync();
        return null;
    }

    // Closing the unpooled connection ends the session and with it the lock; the explicit unlock only makes that prompt
    // and visible in the server's log when the close fails.
    private sealed class Lease(NpgsqlConnection conn) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", conn);
                cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = TrainingLockKey });
                await cmd.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                // The connection is gone, and the lock with it.
            }
            finally
            {
                await conn.DisposeAsync();
            }
        }
    }

    public async Task<PublishedModel> PublishModelAsync(
        string version, long dataSequence, ulong catalogueFingerprint, Stream snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        PublishedModel published;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO published_models (version, data_sequence, catalogue_fingerprint, bytes, model)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING id, published_at
            """, conn, tx))
        {
            long bytes = snapshot.Length - snapshot.Position;
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = dataSequence });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = unchecked((long)catalogueFingerprint) });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = bytes });
            // Streamed from the caller's file: a model of hundreds of megabytes is never held in memory whole.
            insert.Parameters.Add(new NpgsqlParameter<Stream> { TypedValue = snapshot, NpgsqlDbType = NpgsqlDbType.Bytea, Size = checked((int)bytes) });
            await using var reader = await insert.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            published = new PublishedModel(reader.GetInt64(0), version, dataSequence, catalogueFingerprint, bytes, reader.GetFieldValue<DateTimeOffset>(1));
        }
        await using (var prune = new NpgsqlCommand("""
            DELETE FROM published_models
            WHERE id < (SELECT min(id) FROM (SELECT id FROM published_models ORDER BY id DESC LIMIT 2) AS newest)
            """, conn, tx))
            await prune.ExecuteNonQueryAsync(ct);
        await using (var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", conn, tx))
        {
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PostgresEvents.Channel });
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PostgresEvents.ModelPublished(published.Id) });
            await notify.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return published;
    }

    public async Task<PublishedModel?> LatestModelAsync(CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand("""
            SELECT id, version, data_sequence, catalogue_fingerprint, bytes, published_at
            FROM published_models ORDER BY id DESC LIMIT 1
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return new PublishedModel(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), unchecked((ulong)reader.GetInt64(3)),
            reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5));
    }

    public async Task<bool> CopyModelAsync(long id, Stream destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var cmd = _dataSource.CreateCommand("SELECT model FROM published_models WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct))
            return false;
        await using var model = await reader.GetStreamAsync(0, ct);
        await model.CopyToAsync(destination, ct);
        return true;
    }

    public async IAsyncEnumerable<ReplicaEvent> ListenAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var events = Channel.CreateBounded<ReplicaEvent>(new BoundedChannelOptions(EventBuffer) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = Task.Run(() => PumpAsync(events.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(ct))
                yield return e;
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    // One listening connection at a time, reopened with backoff whenever it breaks. A quiet connection is probed every
    // IdleCheck: a server that went away silently shows up there, not in WaitAsync.
    private async Task PumpAsync(ChannelWriter<ReplicaEvent> events, CancellationToken ct)
    {
        for (int attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await using var conn = await _dataSource.OpenConnectionAsync(ct);
                bool missed = true;    // the first Listening event, and any after a full buffer
                conn.Notification += (_, n) =>
                {
                    if (PostgresEvents.TryParse(n.Payload, out var e) && !events.TryWrite(e))
                        missed = true;
                };
                await using (var listen = new NpgsqlCommand("LISTEN " + PostgresEvents.Channel, conn))
                    await listen.ExecuteNonQueryAsync(ct);
                attempt = 0;
                await using var probe = new NpgsqlCommand("SELECT 1", conn) { CommandTimeout = 5 };
                while (true)
                {
                    if (missed && events.TryWrite(new ReplicaEvent(ReplicaEventKind.Listening, 0, null)))
                        missed = false;
                    if (!await conn.WaitAsync(IdleCheck, ct))
                        await probe.ExecuteNonQueryAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                events.TryWrite(new ReplicaEvent(ReplicaEventKind.Lost, 0, e.Message));
            }
            try
            {
                await Task.Delay(Reconnect.DelayAfter(System.Math.Max(attempt, 1)), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
