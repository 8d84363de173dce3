using System.Collections.Frozen;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;
using Recs.Storage.Import;

namespace Recs.Storage.Postgres;

/// <summary>
/// <see cref="IRatingStore"/> on PostgreSQL: bulk writes go through binary COPY (straight into an empty ratings table,
/// otherwise into a temporary table and one set-based upsert), so millions of ratings are written in one transaction.
/// </summary>
public sealed partial class PostgresRatingStore : IRatingStore
{
    /// <summary>Connections one instance opens at most unless the connection string sets "Maximum Pool Size".</summary>
    public const int DefaultMaxPoolSize = 20;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;

    /// <summary>Opens a store on <paramref name="connectionString"/>; no connection is made until the first call.</summary>
    public PostgresRatingStore(string connectionString)
    {
        _connectionString = connectionString;
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        // PostgreSQL's default max_connections is 100, the same as Npgsql's default pool: one busy instance would take
        // every slot and see "remaining connection slots are reserved". Unless the connection string says otherwise,
        // keep the pool well below it; a request that finds the pool full waits up to Timeout seconds for a connection.
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        // Hosted databases (Railway, Heroku-style URLs) require TLS; the slim builder leaves it out unless asked.
        builder.EnableTransportSecurity();
        // A bulk write inserts its new users from one text[] parameter, and stamps users it did not create from an int[].
        builder.EnableArrays();
        _dataSource = builder.Build();
    }

    public string Kind => "postgres";

    /// <summary>Coordination with the other processes serving this database (training lease, published models, events).</summary>
    public IReplicaCoordination CreateReplicaCoordination() => new PostgresReplicaCoordination(_connectionString);

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        // Two transactions: ADD COLUMN holds an exclusive lock on its table until commit, which must not last through
        // the index builds, during which other instances keep reading.
        bool upgraded = false;
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await LockMigrationAsync(conn, tx, ct);
            await ExecuteAsync(conn, tx, PostgresSchema.CreateTables, ct);
            await using (var columns = new NpgsqlCommand(PostgresSchema.CountSequenceColumns, conn, tx))
            {
                if ((long)(await columns.ExecuteScalarAsync(ct))! < PostgresSchema.SequenceColumns)
                {
                    await ExecuteAsync(conn, tx, PostgresSchema.AddSequenceColumns, ct);
                    upgraded = true;
                }
            }
            // Before the column is filled below, so that a write committed in between is stamped by the triggers.
            await ExecuteAsync(conn, tx, PostgresSchema.StampRatingWriters, ct);
            await tx.CommitAsync(ct);
        }
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await LockMigrationAsync(conn, tx, ct);
            // Filling users.ratings_seq on a populated earlier database reads the whole ratings table.
            if (upgraded)
                await ExecuteAsync(conn, tx, PostgresSchema.FillUserRatingSequences, ct, bulk: true);
            await ExecuteAsync(conn, tx, PostgresSchema.CreateIndexes, ct, bulk: true);
            if (upgraded)
                await ExecuteAsync(conn, tx, PostgresSchema.AnalyzeSequenceColumns, ct, bulk: true);
            await SetMetaAsync(conn, tx, "schema_version", PostgresSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            await tx.CommitAsync(ct);
        }
    }

    private static async Task LockMigrationAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresSchema.MigrationLockKey });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<TimeSpan> PingAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var cmd = _dataSource.CreateCommand("SELECT 1");
        await cmd.ExecuteScalarAsync(ct);
        return watch.Elapsed;
    }

    public async Task<StoreCounts> CountAsync(CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM films), (SELECT count(*) FROM ratings)");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task<int> UpsertFilmsAsync(IEnumerable<Film> films, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(films);
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long seq = await AdvanceSequenceAsync(conn, tx, ct);
        await ExecuteAsync(conn, tx, """
            CREATE TEMP TABLE film_in (
                ord integer, slug text, title text, year integer, genres text,
                content_type text, popularity real, letterboxd_uri text
            ) ON COMMIT DROP
            """, ct, bulk: true);

        int count = 0;
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY film_in (ord, slug, title, year, genres, content_type, popularity, letterboxd_uri) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var film in films)
            {
                FilmRules.Validate(film);
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(count++, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(film.Slug, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(film.Title, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(writer, film.Year, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(GenreList.Join(film.Genres), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(film.ContentType, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(writer, film.Popularity, NpgsqlDbType.Real, ct);
                await WriteNullableAsync(writer, film.LetterboxdUri, NpgsqlDbType.Text, ct);
            }
            await writer.CompleteAsync(ct);
        }

        // DISTINCT ON keeps the last row given per slug: ON CONFLICT may not touch one row twice in a statement. Only rows
        // that differ are updated, so only they take this write's sequence.
        await ExecuteStampedAsync(conn, tx, """
            INSERT INTO films (slug, title, year, genres, content_type, popularity, letterboxd_uri, seq)
            SELECT DISTINCT ON (slug) slug, title, year, genres, content_type, popularity, letterboxd_uri, $1
            FROM film_in ORDER BY slug, ord DESC
            ON CONFLICT (slug) DO UPDATE SET
                title = excluded.title, year = excluded.year, genres = excluded.genres,
                content_type = excluded.content_type, popularity = excluded.popularity,
                letterboxd_uri = excluded.letterboxd_uri, seq = excluded.seq
            WHERE (films.title, films.year, films.genres, films.content_type, films.popularity, films.letterboxd_uri)
                IS DISTINCT FROM
                (excluded.title, excluded.year, excluded.genres, excluded.content_type, excluded.popularity, excluded.letterboxd_uri)
            """, seq, ct, bulk: true);
        await tx.CommitAsync(ct);
        return count;
    }

    public Task<int> UpsertRatingsAsync(IEnumerable<RatingRecord> ratings, CancellationToken ct = default) =>
        UpsertRatingsAsync(ratings, null, ct);

    public async Task<int> UpsertRatingsAsync(IEnumerable<RatingRecord> ratings, StageTimes? stages, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        stages ??= new StageTimes();
        long start = Stopwatch.GetTimestamp();
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        // Disposed uncommitted, it rolls back everything below, the dropped keys of a first load included.
        await using var tx = await conn.BeginTransactionAsync(ct);
        long seq = await AdvanceSequenceAsync(conn, tx, ct);
        bool firstLoad = await DropRatingKeysWhenEmptyAsync(conn, tx, ct);
        var resolver = new RatingIdResolver(
            (await LoadIdsAsync(conn, tx, "SELECT slug, id FROM films", ct)).ToFrozenDictionary(StringComparer.Ordinal),
            await LoadIdsAsync(conn, tx, "SELECT username, id FROM users", ct));
        using var write = new PostgresRatingBulkWrite(conn, tx, seq, firstLoad);
        stages.Add("ids loaded", Stopwatch.GetElapsedTime(start));

        long rows = Stopwatch.GetTimestamp();
        TimeSpan waited = stages.WaitingForRows;
        // Ids are resolved here, on the writing thread, while the server stores the rows already sent; resolved on the
        // reading thread, as SQLite does, that thread became the slower one for the same wall time (10M ratings:
        // reading 14 s against 11–13 s, docs/SCALE.md, "Latest 10M PostgreSQL import").
        var resolved = resolver.Resolve(ReadAhead.Of(ratings, stages, ReadingStage));
        int count = write.Write(resolved, ct);
        stages.Add("ids resolved and rows encoded (writer)", Stopwatch.GetElapsedTime(rows) - write.ServerTime - (stages.WaitingForRows - waited));
        stages.Add("writer waiting for the server (COPY, users created)", write.ServerTime);
        if (count == 0)
            return 0;
        if (firstLoad)
            await TimedAsync(stages, "primary key built", conn, tx, PostgresSchema.AddRatingPrimaryKey, ct);
        if (write.Staged)
        {
            long merge = Stopwatch.GetTimestamp();
            write.MergeStaged(ct);
            stages.Add("staged rows merged", Stopwatch.GetElapsedTime(merge));
        }
        long commit = Stopwatch.GetTimestamp();
        await tx.CommitAsync(ct);
        stages.Add("commit", Stopwatch.GetElapsedTime(commit));
        return count;
    }

    private const string ReadingStage = "ratings read and parsed (reading thread)";

    private static async Task TimedAsync(StageTimes stages, string stage, NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        await ExecuteAsync(conn, tx, sql, ct, bulk: true);
        stages.Add(stage, Stopwatch.GetElapsedTime(start));
    }

    private static async Task<Dictionary<string, long>> LoadIdsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, sql, bulk: true);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
            ids[reader.GetString(0)] = reader.GetInt32(1);
        return ids;
    }

    // Writes one person's upload inside the caller's transaction, stamping the rows it inserts or changes with seq; returns
    // how many rows were given (0 leaves the tables untouched). Bulk imports go through PostgresRatingBulkWrite instead,
    // which would read every film and user id first: right for millions of rows, not for one person's few hundred.
    private static async Task<int> UpsertRatingsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<RatingRecord> ratings, long seq, CancellationToken ct)
    {
        await ExecuteAsync(conn, tx,
            "CREATE TEMP TABLE rating_in (ord integer, username text, slug text, stars real, rated_on date) ON COMMIT DROP", ct);

        int count = 0;
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY rating_in (ord, username, slug, stars, rated_on) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var rating in ratings)
            {
                string username = RatingRules.Validate(rating);
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(count++, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(username, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(rating.FilmSlug, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(RatingRules.SnapStars(rating.Stars), NpgsqlDbType.Real, ct);
                await WriteNullableAsync(writer, rating.RatedOn, NpgsqlDbType.Date, ct);
            }
            await writer.CompleteAsync(ct);
        }
        if (count == 0)
        {
            return 0;
        }

        // Temporary tables are never auto-analysed; without statistics the joins below pick nested loops.
        await ExecuteAsync(conn, tx, "ANALYZE rating_in", ct);
        // A large upload's DISTINCT ON sort would spill to disk at the default 4 MB; this lasts until commit.
        await ExecuteAsync(conn, tx, "SET LOCAL work_mem = '256MB'", ct);

        // min() rather than LIMIT 1: LIMIT steers the planner to a million index probes instead of one hash anti-join.
        await using (var unknown = new NpgsqlCommand(
            "SELECT min(r.slug) FROM rating_in r WHERE NOT EXISTS (SELECT 1 FROM films f WHERE f.slug = r.slug)", conn, tx))
        {
            if (await unknown.ExecuteScalarAsync(ct) is string slug)
            {
                throw new UnknownFilmException(slug, nameof(ratings));
            }
        }

        await ExecuteAsync(conn, tx, """
            INSERT INTO users (username)
            SELECT DISTINCT r.username FROM rating_in r
            WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.username = r.username)
            ON CONFLICT (username) DO NOTHING
            """, ct);
        await ExecuteStampedAsync(conn, tx, """
            INSERT INTO ratings (user_id, film_id, stars, rated_on, seq)
            SELECT DISTINCT ON (u.id, f.id) u.id, f.id, r.stars, r.rated_on, $1
            FROM rating_in r
            JOIN users u ON u.username = r.username
            JOIN films f ON f.slug = r.slug
            ORDER BY u.id, f.id, r.ord DESC
            ON CONFLICT (user_id, film_id) DO UPDATE SET stars = excluded.stars, rated_on = excluded.rated_on, seq = excluded.seq
            WHERE (ratings.stars, ratings.rated_on) IS DISTINCT FROM (excluded.stars, excluded.rated_on)
            """, seq, ct);
        return count;
    }

    public async Task<IReadOnlyList<Film>> LoadFilmsAsync(CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand(
            $"SELECT {FilmRow.Columns} FROM films ORDER BY slug COLLATE \"C\"");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var films = new List<Film>();
        while (await reader.ReadAsync(ct))
        {
            films.Add(FilmRow.Read(reader));
        }
        return films;
    }

    public async IAsyncEnumerable<RatingRecord> ReadAllRatingsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        // COLLATE "C" gives the same byte order as SQLite, whatever the database's default collation.
        await using var cmd = _dataSource.CreateCommand("""
            SELECT u.username, f.slug, r.stars, r.rated_on
            FROM ratings r JOIN users u ON u.id = r.user_id JOIN films f ON f.id = r.film_id
            ORDER BY u.username COLLATE "C", f.slug COLLATE "C"
            """);
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
            yield return RatingAt(reader);
    }

    // One row of (username, slug, stars, rated_on), as every rating read selects it.
    private static RatingRecord RatingAt(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetFloat(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3));

    public async Task<string?> GetMetaAsync(string key, CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT value FROM meta WHERE key = $1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task SetMetaAsync(string key, string value, CancellationToken ct = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        await SetMetaAsync(conn, null, key, value, ct);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task SetMetaAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string key, string value, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, bool bulk = false)
    {
        await using var cmd = Command(conn, tx, sql, bulk);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // Runs a write whose $1 is the change sequence that the rows it inserts or changes are stamped with; returns the rows affected.
    private static async Task<int> ExecuteStampedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, long seq, CancellationToken ct, bool bulk = false)
    {
        await using var cmd = Command(conn, tx, sql, bulk);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, bool bulk)
    {
        var cmd = new NpgsqlCommand(sql, conn, tx);
        // Bulk statements over a million rows may outlast the default 30 s on a slow host; everything else keeps the
        // connection's Command Timeout, so a request on a connection that silently stopped answering fails in bounded time.
        if (bulk)
            cmd.CommandTimeout = 0;
        return cmd;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, ct) : writer.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);
}
