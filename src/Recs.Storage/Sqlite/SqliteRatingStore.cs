using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;
using Recs.Storage.Import;

namespace Recs.Storage.Sqlite;

/// <summary>
/// <see cref="IRatingStore"/> on an embedded SQLite file in WAL mode: each bulk write is one transaction driving
/// prepared native statements (<see cref="SqliteRatingBulkWrite"/>), with users and films resolved to ids in memory.
/// </summary>
public sealed partial class SqliteRatingStore : IRatingStore
{
    private const string DateFormat = "yyyy-MM-dd";

    // Inserts or replaces one rating; a row is updated, and takes the write's sequence, only when it differs. The
    // sequence is written into the statement, which is prepared once per write: Microsoft.Data.Sqlite binds every
    // parameter by name on every execution, and a fifth one cost a million-row re-import several percent.
    private static string UpsertRating(long seq) => $"""
        INSERT INTO ratings (user_id, film_id, stars, rated_on, seq) VALUES ($user, $film, $stars, $date, {seq.ToString(CultureInfo.InvariantCulture)})
        {OnRatingConflict}
        """;

    /// <summary>The conflict rule of every rating upsert: the new values replace the old, and the row takes the write's sequence, only when they differ.</summary>
    internal const string OnRatingConflict = """
        ON CONFLICT (user_id, film_id) DO UPDATE SET stars = excluded.stars, rated_on = excluded.rated_on, seq = excluded.seq
        WHERE stars IS NOT excluded.stars OR rated_on IS NOT excluded.rated_on
        """;

    private readonly string _connectionString;

    static SqliteRatingStore()
    {
        // Explicit start-up of the bundled native library; the provider's own discovery relies on reflection.
        SQLitePCL.Batteries_V2.Init();
    }

    /// <summary>Opens (creating when missing, with its folder) the database file at <paramref name="path"/>.</summary>
    public SqliteRatingStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public string Kind => "sqlite";

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        // WAL lets the service read while an import writes; the setting is stored in the file.
        await ExecuteAsync(conn, null, "PRAGMA journal_mode = WAL", ct);
        await using var tx = conn.BeginTransaction();
        await ExecuteAsync(conn, tx, SqliteSchema.CreateTables, ct);
        foreach (var (table, column) in SqliteSchema.SequenceColumns)
        {
            await using var has = conn.CreateCommand();
            has.Transaction = tx;
            has.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
            has.Parameters.Add("$table", SqliteType.Text).Value = table;
            has.Parameters.Add("$column", SqliteType.Text).Value = column;
            if ((long)(await has.ExecuteScalarAsync(ct))! == 0)
                await ExecuteAsync(conn, tx, SqliteSchema.AddSequenceColumn(table, column), ct);
        }
        await ExecuteAsync(conn, tx, SqliteSchema.CreateIndexes, ct);
        await SetMetaAsync(conn, tx, "schema_version", SqliteSchema.Version.ToString(CultureInfo.InvariantCulture), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<TimeSpan> PingAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT 1";
        await cmd.ExecuteScalarAsync(ct);
        return watch.Elapsed;
    }

    public async Task<StoreCounts> CountAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM films), (SELECT count(*) FROM ratings)";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task<int> UpsertFilmsAsync(IEnumerable<Film> films, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(films);
        await using var conn = await OpenAsync(ct);
        await using var tx = conn.BeginTransaction();
        long seq = await AdvanceSequenceAsync(conn, tx, ct);
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        // Only rows that differ are updated, so only they take this write's sequence.
        cmd.CommandText = """
            INSERT INTO films (slug, title, year, genres, content_type, popularity, letterboxd_uri, seq)
            VALUES ($slug, $title, $year, $genres, $type, $popularity, $uri, $seq)
            ON CONFLICT (slug) DO UPDATE SET
                title = excluded.title, year = excluded.year, genres = excluded.genres,
                content_type = excluded.content_type, popularity = excluded.popularity,
                letterboxd_uri = excluded.letterboxd_uri, seq = excluded.seq
            WHERE title IS NOT excluded.title OR year IS NOT excluded.year OR genres IS NOT excluded.genres
               OR content_type IS NOT excluded.content_type OR popularity IS NOT excluded.popularity
               OR letterboxd_uri IS NOT excluded.letterboxd_uri
            """;
        var slug = cmd.Parameters.Add("$slug", SqliteType.Text);
        var title = cmd.Parameters.Add("$title", SqliteType.Text);
        var year = cmd.Parameters.Add("$year", SqliteType.Integer);
        var genres = cmd.Parameters.Add("$genres", SqliteType.Text);
        var type = cmd.Parameters.Add("$type", SqliteType.Text);
        var popularity = cmd.Parameters.Add("$popularity", SqliteType.Real);
        var uri = cmd.Parameters.Add("$uri", SqliteType.Text);
        cmd.Parameters.Add("$seq", SqliteType.Integer).Value = seq;
        cmd.Prepare();

        int count = 0;
        foreach (var film in films)
        {
            ct.ThrowIfCancellationRequested();
            FilmRules.Validate(film);
            slug.Value = film.Slug;
            title.Value = film.Title;
            year.Value = film.Year is { } y ? y : DBNull.Value;
            genres.Value = GenreList.Join(film.Genres);
            type.Value = film.ContentType;
            popularity.Value = film.Popularity is { } p ? (double)p : DBNull.Value;
            uri.Value = (object?)film.LetterboxdUri ?? DBNull.Value;
            cmd.ExecuteNonQuery();
            count++;
        }
        await tx.CommitAsync(ct);
        return count;
    }

    public Task<int> UpsertRatingsAsync(IEnumerable<RatingRecord> ratings, CancellationToken ct = default) =>
        UpsertRatingsAsync(ratings, null, ct);

    public async Task<int> UpsertRatingsAsync(IEnumerable<RatingRecord> ratings, StageTimes? stages, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        await using var conn = await OpenAsync(ct);
        var settings = await EnterBulkLoadAsync(conn, ct);
        try
        {
            return await UpsertRatingsAsync(conn, ratings, stages ?? new StageTimes(), ct);
        }
        finally
        {
            await LeaveBulkLoadAsync(conn, settings);
        }
    }

    private static async Task<int> UpsertRatingsAsync(SqliteConnection conn, IEnumerable<RatingRecord> ratings, StageTimes stages, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        await using var tx = conn.BeginTransaction();
        long seq = await AdvanceSequenceAsync(conn, tx, ct);
        // Frozen: looked up once per rating, and hashing only the characters that tell slugs apart.
        var filmIds = (await LoadIdsAsync(conn, tx, "SELECT slug, id FROM films", ct)).ToFrozenDictionary(StringComparer.Ordinal);
        var userIds = await LoadIdsAsync(conn, tx, "SELECT username, id FROM users", ct);
        // Into an empty table the secondary indexes are built once the rows are in, a sort and an append each, rather
        // than updated row by row. Readers are not held up: under WAL they keep the committed schema until this
        // transaction commits, and a rollback restores it.
        bool firstLoad = await IsEmptyAsync(conn, tx, "ratings", ct);
        if (firstLoad)
            await ExecuteAsync(conn, tx, SqliteSchema.DropRatingIndexes, ct);

        stages.Add("ids loaded", Stopwatch.GetElapsedTime(start));

        int count;
        long rows = Stopwatch.GetTimestamp();
        TimeSpan waited = stages.WaitingForRows;
        using (var write = new SqliteRatingBulkWrite(conn, seq))
        {
            // This thread is bound by SQLite's own inserts, so ids are resolved on the reading thread, beside the
            // parsing, and this one only binds and inserts (docs/SCALE.md, "Latest 10M import").
            var resolved = new RatingIdResolver(filmIds, userIds).Resolve(ratings);
            count = write.Write(ReadAhead.Of(resolved, stages, ReadingStage), ct);
            stages.Add("rows taken (writer)", Stopwatch.GetElapsedTime(rows) - write.InsertTime - (stages.WaitingForRows - waited));
            stages.Add("rows inserted", write.InsertTime);
        }
        if (count == 0)
            return 0;
        if (firstLoad)
        {
            long build = Stopwatch.GetTimestamp();
            await ExecuteAsync(conn, tx, SqliteSchema.CreateRatingIndexes, ct);
            stages.Add("indexes built", Stopwatch.GetElapsedTime(build));
        }
        long commit = Stopwatch.GetTimestamp();
        await tx.CommitAsync(ct);
        stages.Add("commit", Stopwatch.GetElapsedTime(commit));
        return count;
    }

    private const string ReadingStage = "ratings read, parsed and resolved to ids (reading thread)";

    public async Task<IReadOnlyList<Film>> LoadFilmsAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {FilmRow.Columns} FROM films ORDER BY slug";
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
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT u.username, f.slug, r.stars, r.rated_on
            FROM ratings r JOIN users u ON u.id = r.user_id JOIN films f ON f.id = r.film_id
            ORDER BY u.username, f.slug
            """;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return RatingAt(reader);
    }

    // One row of (username, slug, stars, rated_on), as every rating read selects it.
    private static RatingRecord RatingAt(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetFloat(2),
            reader.IsDBNull(3) ? null : DateOnly.ParseExact(reader.GetString(3), DateFormat, CultureInfo.InvariantCulture));

    public async Task<string?> GetMetaAsync(string key, CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = $key";
        cmd.Parameters.Add("$key", SqliteType.Text).Value = key;
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task SetMetaAsync(string key, string value, CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await SetMetaAsync(conn, null, key, value, ct);
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using (var conn = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(conn);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Page cache of each connection the service opens, in KiB (SQLite's default is 2,000).</summary>
    internal const int ConnectionCacheKibibytes = 512;

    private static readonly string ConnectionSettings = $"PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{ConnectionCacheKibibytes}";

    internal async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var conn = new SqliteConnection(_connectionString);
        try
        {
            await conn.OpenAsync(ct);
            // Durable at checkpoints rather than every commit: the safe, much faster choice under WAL. Each pooled
            // connection keeps its own page cache, 2 MB by default; at 512 KB the service's connections together
            // hold a few MB instead of about 9 (the load suite's mix, docs/PERFORMANCE.md), and the file's pages
            // stay in the operating system's cache. A bulk load sets a larger cache on its own connection.
            await ExecuteAsync(conn, null, ConnectionSettings, ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> IsEmptyAsync(SqliteConnection conn, SqliteTransaction? tx, string table, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT NOT EXISTS (SELECT 1 FROM {table})";
        return (long)(await cmd.ExecuteScalarAsync(ct))! == 1;
    }

    private static async Task<Dictionary<string, long>> LoadIdsAsync(
        SqliteConnection conn, SqliteTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            ids[reader.GetString(0)] = reader.GetInt64(1);
        }
        return ids;
    }

    private static async Task SetMetaAsync(SqliteConnection conn, SqliteTransaction? tx, string key, string value, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.Add("$key", SqliteType.Text).Value = key;
        cmd.Parameters.Add("$value", SqliteType.Text).Value = value;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(SqliteConnection conn, SqliteTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
