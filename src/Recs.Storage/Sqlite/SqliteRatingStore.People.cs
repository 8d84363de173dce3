using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recs.Engine.Storage;

namespace Recs.Storage.Sqlite;

// The change sequence, exclusions and one person's upload: the writes that the service makes while it serves.
public sealed partial class SqliteRatingStore
{
    public async Task<long> GetChangeSequenceAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT seq FROM data_version WHERE id = 1";
        return await cmd.ExecuteScalarAsync(ct) is long seq ? seq : 0;
    }

    public async IAsyncEnumerable<ExclusionRecord> ReadAllExclusionsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT u.username, f.slug
            FROM exclusions e JOIN users u ON u.id = e.user_id JOIN films f ON f.id = e.film_id
            ORDER BY u.username, f.slug
            """;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new ExclusionRecord(reader.GetString(0), reader.GetString(1));
    }

    public async Task<PersonWriteResult> WritePersonAsync(PersonWrite write, CancellationToken ct = default)
    {
        string username = PersonAuthorization.Validate(write);
        await using var conn = await OpenAsync(ct);
        // An acknowledged upload must survive a power loss, not only a crash of the process: this commit is synced.
        await using (var durable = conn.CreateCommand())
        {
            durable.CommandText = "PRAGMA synchronous = FULL";
            await durable.ExecuteNonQueryAsync(ct);
        }
        await using var tx = conn.BeginTransaction();
        long seq = await AdvanceSequenceAsync(conn, tx, ct);

        var (userId, storedHash) = await FindPersonAsync(conn, tx, username, ct);
        var outcome = PersonAuthorization.Decide(userId is not null, storedHash, write);
        if (outcome is not (WriteOutcome.Created or WriteOutcome.Updated))
            return PersonWriteResult.Refused(outcome);    // disposing the transaction rolls the sequence back too
        userId ??= await CreatePersonAsync(conn, tx, username, write.NewTokenHash, ct);

        UpsertPersonRatings(conn, userId.Value, write, seq, ct);
        if (write.Exclusions is { } exclusions)
            await ReplaceExclusionsAsync(conn, tx, userId.Value, exclusions, seq, ct);

        var (slugs, stars) = await ReadRatingsOfAsync(conn, tx, userId.Value, write.Ratings.Count, ct);
        var excluded = await ReadExclusionsOfAsync(conn, tx, userId.Value, ct);
        // Once everything is written, a client that goes away must not leave the commit's outcome unknown to us.
        await tx.CommitAsync(CancellationToken.None);
        return new PersonWriteResult(outcome, seq, slugs, stars, excluded);
    }

    public async Task<StoredPerson?> ReadPersonAsync(string username, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        await using var conn = await OpenAsync(ct);
        // A read transaction sees one snapshot of the file from its first read: the sequence and the rows agree.
        await using var tx = conn.BeginTransaction(deferred: true);
        long seq;
        await using (var version = Command(conn, tx, "SELECT seq FROM data_version WHERE id = 1"))
            seq = (long)(await version.ExecuteScalarAsync(ct))!;
        var (userId, _) = await FindPersonAsync(conn, tx, username, ct);
        if (userId is null)
            return null;
        var (slugs, stars) = await ReadRatingsOfAsync(conn, tx, userId.Value, 0, ct);
        var excluded = await ReadExclusionsOfAsync(conn, tx, userId.Value, ct);
        await tx.CommitAsync(ct);
        return new StoredPerson(seq, slugs, stars, excluded);
    }

    // After an upload the person holds at least the films just written (written, 0 otherwise): lists of that
    // capacity are filled without regrowing.
    private static async Task<(List<string> Slugs, List<float> Stars)> ReadRatingsOfAsync(
        SqliteConnection conn, SqliteTransaction tx, long userId, int written, CancellationToken ct)
    {
        var slugs = new List<string>(written);
        var stars = new List<float>(written);
        await using var read = Command(conn, tx,
            "SELECT f.slug, r.stars FROM ratings r JOIN films f ON f.id = r.film_id WHERE r.user_id = $user ORDER BY f.slug");
        read.Parameters.AddWithValue("$user", userId);
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            slugs.Add(reader.GetString(0));
            stars.Add(reader.GetFloat(1));
        }
        return (slugs, stars);
    }

    private static async Task<List<string>> ReadExclusionsOfAsync(SqliteConnection conn, SqliteTransaction tx, long userId, CancellationToken ct)
    {
        var excluded = new List<string>();
        await using var read = Command(conn, tx,
            "SELECT f.slug FROM exclusions e JOIN films f ON f.id = e.film_id WHERE e.user_id = $user ORDER BY f.slug");
        read.Parameters.AddWithValue("$user", userId);
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            excluded.Add(reader.GetString(0));
        return excluded;
    }

    private static async Task<long> AdvanceSequenceAsync(SqliteConnection conn, SqliteTransaction tx, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, SqliteSchema.AdvanceSequence);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<(long? Id, byte[]? TokenHash)> FindPersonAsync(SqliteConnection conn, SqliteTransaction tx, string username, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx,
            "SELECT u.id, c.token_hash FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id WHERE u.username = $name");
        cmd.Parameters.AddWithValue("$name", username);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return (null, null);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1));
    }

    private static async Task<long> CreatePersonAsync(SqliteConnection conn, SqliteTransaction tx, string username, byte[] tokenHash, CancellationToken ct)
    {
        long id;
        await using (var user = Command(conn, tx, "INSERT INTO users (username) VALUES ($name) RETURNING id"))
        {
            user.Parameters.AddWithValue("$name", username);
            id = (long)(await user.ExecuteScalarAsync(ct))!;
        }
        await using var credential = Command(conn, tx, "INSERT INTO user_credentials (user_id, token_hash) VALUES ($user, $hash)");
        credential.Parameters.AddWithValue("$user", id);
        credential.Parameters.Add("$hash", SqliteType.Blob).Value = tokenHash;
        await credential.ExecuteNonQueryAsync(ct);
        return id;
    }

    // Bound by position on native statements: through Microsoft.Data.Sqlite's commands, which look parameters up by name,
    // box values and create a reader per execution, the two statements per rating were most of an upload's CPU.
    private static void UpsertPersonRatings(SqliteConnection conn, long userId, PersonWrite write, long seq, CancellationToken ct)
    {
        using var find = new SqliteBulkStatement(conn, "SELECT id FROM films WHERE slug = $slug");
        // Parameters are numbered in order of appearance: $user, $film, $stars, $date.
        using var upsert = new SqliteBulkStatement(conn, UpsertRating(seq));
        Span<char> date = stackalloc char[DateFormat.Length];
        foreach (var rating in write.Ratings)
        {
            ct.ThrowIfCancellationRequested();
            find.Bind(1, rating.FilmSlug);
            bool known = find.NextRow();
            long filmId = known ? find.Int64At(0) : 0;
            find.Reset();
            // An unknown slug throws before commit: disposing the transaction rolls back everything written so far.
            if (!known)
                throw new UnknownFilmException(rating.FilmSlug, nameof(write));
            upsert.Bind(1, userId);
            upsert.Bind(2, filmId);
            upsert.Bind(3, (double)RatingRules.SnapStars(rating.Stars));
            if (rating.RatedOn is { } d && d.TryFormat(date, out int written, DateFormat, CultureInfo.InvariantCulture))
                upsert.Bind(4, date[..written]);
            else
                upsert.BindNull(4);
            upsert.Execute();
        }
    }

    // Replaces the person's exclusions when the resolved set differs from the stored one; then, and only then, their
    // exclusions_seq takes this write's sequence, so an emptied set is found by the change queries as well.
    private static async Task ReplaceExclusionsAsync(
        SqliteConnection conn, SqliteTransaction tx, long userId, IReadOnlyList<string> slugs, long seq, CancellationToken ct)
    {
        // Films that left the catalogue since the upload was matched are skipped: there is nothing to exclude.
        var wanted = new HashSet<long>();
        await using (var find = Command(conn, tx, "SELECT id FROM films WHERE slug = $slug"))
        {
            var slug = find.Parameters.Add("$slug", SqliteType.Text);
            foreach (string s in slugs)
            {
                slug.Value = s;
                if (await find.ExecuteScalarAsync(ct) is long filmId)
                    wanted.Add(filmId);
            }
        }
        var stored = new HashSet<long>();
        await using (var read = Command(conn, tx, "SELECT film_id FROM exclusions WHERE user_id = $user"))
        {
            read.Parameters.AddWithValue("$user", userId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                stored.Add(reader.GetInt64(0));
        }
        if (wanted.SetEquals(stored))
            return;

        await using (var clear = Command(conn, tx, "DELETE FROM exclusions WHERE user_id = $user"))
        {
            clear.Parameters.AddWithValue("$user", userId);
            await clear.ExecuteNonQueryAsync(ct);
        }
        await using (var insert = Command(conn, tx, "INSERT INTO exclusions (user_id, film_id) VALUES ($user, $film)"))
        {
            insert.Parameters.AddWithValue("$user", userId);
            var film = insert.Parameters.Add("$film", SqliteType.Integer);
            foreach (long id in wanted)
            {
                film.Value = id;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        await using var stamp = Command(conn, tx, "UPDATE users SET exclusions_seq = $seq WHERE id = $user");
        stamp.Parameters.AddWithValue("$user", userId);
        stamp.Parameters.AddWithValue("$seq", seq);
        await stamp.ExecuteNonQueryAsync(ct);
    }

    private static SqliteCommand Command(SqliteConnection conn, SqliteTransaction tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }
}
