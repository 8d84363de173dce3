using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Recs.Engine.Storage;

namespace Recs.Storage.Postgres;

// The change sequence, exclusions and one person's upload: the writes that the service makes while it serves.
public sealed partial class PostgresRatingStore
{
    public async Task<long> GetChangeSequenceAsync(CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT seq FROM data_version WHERE id = 1");
        return await cmd.ExecuteScalarAsync(ct) is long seq ? seq : 0;
    }

    public async IAsyncEnumerable<ExclusionRecord> ReadAllExclusionsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand("""
            SELECT u.username, f.slug
            FROM exclusions e JOIN users u ON u.id = e.user_id JOIN films f ON f.id = e.film_id
            ORDER BY u.username COLLATE "C", f.slug COLLATE "C"
            """);
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
            yield return new ExclusionRecord(reader.GetString(0), reader.GetString(1));
    }

    public async Task<PersonWriteResult> WritePersonAsync(PersonWrite write, CancellationToken ct = default)
    {
        string username = PersonAuthorization.Validate(write);
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long seq = await AdvanceSequenceAsync(conn, tx, ct);

        var (userId, storedHash) = await FindPersonAsync(conn, tx, username, ct);
        var outcome = PersonAuthorization.Decide(userId is not null, storedHash, write);
        if (outcome is not (WriteOutcome.Created or WriteOutcome.Updated))
            return PersonWriteResult.Refused(outcome);    // disposing the transaction rolls the sequence back too
        userId ??= await CreatePersonAsync(conn, tx, username, write.NewTokenHash, ct);

        await UpsertRatingsAsync(conn, tx, write.Ratings, seq, ct);
        if (write.Exclusions is { } exclusions)
            await ReplaceExclusionsAsync(conn, tx, userId.Value, exclusions, seq, ct);

        var (slugs, stars) = await ReadRatingsOfAsync(conn, tx, userId.Value, write.Ratings.Count, ct);
        var excluded = await ReadExclusionsOfAsync(conn, tx, userId.Value, ct);
        // Delivered by the server at commit, to every replica listening, and never for a write that rolled back.
        await using (var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", conn, tx))
        {
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PostgresEvents.Channel });
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PostgresEvents.PersonWritten(seq, username) });
            await notify.ExecuteNonQueryAsync(ct);
        }
        // Once everything is written, a client that goes away must not leave the commit's outcome unknown to us.
        await tx.CommitAsync(CancellationToken.None);
        return new PersonWriteResult(outcome, seq, slugs, stars, excluded);
    }

    public async Task<StoredPerson?> ReadPersonAsync(string username, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        // One snapshot for the sequence and the rows: every write at or below the sequence read is in what is read.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        long seq;
        await using (var version = new NpgsqlCommand("SELECT seq FROM data_version WHERE id = 1", conn, tx))
            seq = (long)(await version.ExecuteScalarAsync(ct))!;
        var (userId, _) = await FindPersonAsync(conn, tx, username, ct);
        if (userId is null)
            return null;
        var (slugs, stars) = await ReadRatingsOfAsync(conn, tx, userId.Value, 0, ct);
        var excluded = await ReadExclusionsOfAsync(conn, tx, userId.Value, ct);
        await tx.CommitAsync(ct);
        return new StoredPerson(seq, slugs, stars, excluded);
    }

    private static async Task<long> AdvanceSequenceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(PostgresSchema.AdvanceSequence, conn, tx);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<(int? Id, byte[]? TokenHash)> FindPersonAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string username, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT u.id, c.token_hash FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id WHERE u.username = $1", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = username });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return (null, null);
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
    }

    private static async Task<int> CreatePersonAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string username, byte[] tokenHash, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH person AS (INSERT INTO users (username) VALUES ($1) RETURNING id)
            INSERT INTO user_credentials (user_id, token_hash) SELECT id, $2 FROM person RETURNING user_id
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = username });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = tokenHash, NpgsqlDbType = NpgsqlDbType.Bytea });
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // Removes the exclusions that are not in slugs and adds those that are new; when that changed anything, the person's
    // exclusions_seq takes this write's sequence, so an emptied set is found by the change queries as well.
    private static async Task ReplaceExclusionsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int userId, IReadOnlyList<string> slugs, long seq, CancellationToken ct)
    {
        int changed;
        if (slugs.Count == 0)
        {
            await using var clear = new NpgsqlCommand("DELETE FROM exclusions WHERE user_id = $1", conn, tx);
            clear.Parameters.Add(new NpgsqlParameter<int> { TypedValue = userId });
            changed = await clear.ExecuteNonQueryAsync(ct);
        }
        else
        {
            await ExecuteAsync(conn, tx, "CREATE TEMP TABLE exclusion_in (slug text) ON COMMIT DROP", ct);
            await using (var writer = await conn.BeginBinaryImportAsync("COPY exclusion_in (slug) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (string slug in slugs)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(slug, NpgsqlDbType.Text, ct);
                }
                await writer.CompleteAsync(ct);
            }
            await using var remove = new NpgsqlCommand("""
                DELETE FROM exclusions e
                WHERE e.user_id = $1
                  AND NOT EXISTS (SELECT 1 FROM exclusion_in x JOIN films f ON f.slug = x.slug WHERE f.id = e.film_id)
                """, conn, tx);
            remove.Parameters.Add(new NpgsqlParameter<int> { TypedValue = userId });
            changed = await remove.ExecuteNonQueryAsync(ct);
            // Films that left the catalogue since the upload was matched are skipped, not an error: there is nothing to exclude.
            await using var insert = new NpgsqlCommand("""
                INSERT INTO exclusions (user_id, film_id)
                SELECT DISTINCT $1, f.id FROM exclusion_in x JOIN films f ON f.slug = x.slug
                ON CONFLICT DO NOTHING
                """, conn, tx);
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = userId });
            changed += await insert.ExecuteNonQueryAsync(ct);
        }
        if (changed == 0)
            return;
        await using var stamp = new NpgsqlCommand("UPDATE users SET exclusions_seq = $2 WHERE id = $1", conn, tx);
        stamp.Parameters.Add(new NpgsqlParameter<int> { TypedValue = userId });
        stamp.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        await stamp.ExecuteNonQueryAsync(ct);
    }

    // After an upload the person holds at least the films just written (written, 0 otherwise): lists of that
    // capacity are filled without regrowing.
    private static async Task<(List<string> Slugs, List<float> Stars)> ReadRatingsOfAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int userId, int written, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT f.slug, r.stars FROM ratings r JOIN films f ON f.id = r.film_id WHERE r.user_id = $1 ORDER BY f.slug COLLATE \"C\"", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = userId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var slugs = new List<string>(written);
        var stars = new List<float>(written);
        while (await reader.ReadAsync(ct))
        {
            slugs.Add(reader.GetString(0));
            stars.Add(reader.GetFloat(1));
        }
        return (slugs, stars);
    }

    private static async Task<List<string>> ReadExclusionsOfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int userId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT f.slug FROM exclusions e JOIN films f ON f.id = e.film_id WHERE e.user_id = $1 ORDER BY f.slug COLLATE \"C\"", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = userId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var slugs = new List<string>();
        while (await reader.ReadAsync(ct))
            slugs.Add(reader.GetString(0));
        return slugs;
    }
}
