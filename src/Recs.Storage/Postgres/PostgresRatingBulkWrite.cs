using System.Diagnostics;
using Npgsql;

namespace Recs.Storage.Postgres;

/// <summary>
/// One bulk write of resolved ratings (<see cref="RatingIdResolver"/>: film slugs and usernames already ids, rather than
/// joined on the server) inside the caller's transaction, which has advanced the change sequence (so no other writer
/// runs until it commits). New users are created a chunk at a time, in order of first appearance. Rows go by binary
/// COPY (encoded here, see <see cref="PostgresBinaryCopyWriter"/>) straight into ratings while the table was empty
/// when the write began and every pair so far is provably distinct (<see cref="DistinctPairCheck"/>), otherwise into a
/// staging table of ids that one set-based upsert merges, the last row of a pair winning.
/// </summary>
/// <remarks>
/// Synchronous on purpose: the rows come from a synchronous enumerable (an import reading its file), and an awaited
/// write per field cost more than the server's work on ten million rows.
/// </remarks>
internal sealed class PostgresRatingBulkWrite
{
    // Rows held before their new users are created and the chunk is copied: a few megabytes, and a few hundred users.
    private const int ChunkRows = 65_536;

    private const string CopyIntoRatings = "COPY ratings (user_id, film_id, stars, rated_on, seq) FROM STDIN (FORMAT BINARY)";
    private const string CopyIntoStaging = "COPY rating_in (ord, user_id, film_id, stars, rated_on) FROM STDIN (FORMAT BINARY)";

    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlTransaction _tx;
    private readonly long _seq;
    private readonly DistinctPairCheck _pairs = new();
    private readonly Row[] _chunk = new Row[ChunkRows];
    // The chunk's new users in order of first appearance, and the ids of every user created so far by resolver key (-key - 1).
    private readonly List<string> _newUsers = [];
    private readonly List<int> _newUserIds = [];
    private int _pending;
    private int _ord;
    private long _copyTicks;

    private bool _direct;
    private bool _staged;

    /// <param name="intoEmptyTable">True when ratings held no row once the transaction had advanced the sequence (and has no keys until the rows are in).</param>
    public PostgresRatingBulkWrite(NpgsqlConnection conn, NpgsqlTransaction tx, long seq, bool intoEmptyTable)
    {
        _conn = conn;
        _tx = tx;
        _seq = seq;
        _direct = intoEmptyTable;
    }

    /// <summary>Writes every rating; returns how many were given. The resolver's exceptions (an unknown film, an invalid rating) pass through.</summary>
    public int Write(IEnumerable<ResolvedRating> ratings, CancellationToken ct)
    {
        int count = 0;
        foreach (var rating in ratings)
        {
            if (rating.NewUser is { } name)
                _newUsers.Add(name);
            // Ids are int4 in this schema, so they fit; new users keep their negative key until the flush.
            _chunk[_pending++] = new Row((int)rating.User, (int)rating.Film, rating.Stars, rating.RatedOn);
            count++;
            if (_pending == ChunkRows)
            {
                ct.ThrowIfCancellationRequested();
                Flush(ct);
            }
        }
        Flush(ct);
        return count;
    }

    /// <summary>True when some rows went to the staging table, for <see cref="MergeStaged"/> to merge.</summary>
    public bool Staged => _staged;

    /// <summary>Time spent creating users and copying rows to the server, so far.</summary>
    public TimeSpan CopyTime => Stopwatch.GetElapsedTime(0, _copyTicks);

    /// <summary>
    /// Upserts the staged rows into ratings, once every row is written; needs the table's primary key, so a first load
    /// builds it before.
    /// </summary>
    public void MergeStaged(CancellationToken ct)
    {
        if (_staged)
            Merge(ct);
    }

    private void Flush(CancellationToken ct)
    {
        if (_pending == 0)
            return;
        long before = Stopwatch.GetTimestamp();
        FlushPending(ct);
        _copyTicks += Stopwatch.GetTimestamp() - before;
    }

    private void FlushPending(CancellationToken ct)
    {
        CreateNewUsers();
        int start = 0;
        if (_direct)
        {
            using var copy = new PostgresBinaryCopyWriter(_conn, CopyIntoRatings);
            for (; start < _pending; start++)
            {
                ref readonly Row row = ref _chunk[start];
                int user = UserId(row);
                // From the first pair that may repeat, rows go to staging, where the merge lets the last one win.
                if (!_pairs.Add(user, row.Film))
                    break;
                copy.StartRow(5);
                copy.Write(user);
                copy.Write(row.Film);
                copy.Write(row.Stars);
                copy.Write(row.RatedOn);
                copy.Write(_seq);
            }
            copy.Complete();
            _direct = start == _pending;
        }
        if (start < _pending)
            Stage(start, ct);
        _pending = 0;
    }

    private void Stage(int start, CancellationToken ct)
    {
        if (!_staged)
        {
            Execute("CREATE TEMP TABLE rating_in (ord integer, user_id integer, film_id integer, stars real, rated_on date) ON COMMIT DROP", ct);
            _staged = true;
        }
        using var copy = new PostgresBinaryCopyWriter(_conn, CopyIntoStaging);
        for (int i = start; i < _pending; i++)
        {
            ref readonly Row row = ref _chunk[i];
            int user = UserId(row);
            _pairs.Add(user, row.Film);
            copy.StartRow(5);
            copy.Write(_ord++);
            copy.Write(user);
            copy.Write(row.Film);
            copy.Write(row.Stars);
            copy.Write(row.RatedOn);
        }
        copy.Complete();
    }

    private int UserId(in Row row) => row.User >= 0 ? row.User : _newUserIds[-row.User - 1];

    // Creates the chunk's new users in order of first appearance, so that their ids follow the earlier chunks' by key.
    private void CreateNewUsers()
    {
        if (_newUsers.Count == 0)
            return;
        var created = new Dictionary<string, int>(_newUsers.Count, StringComparer.Ordinal);
        using (var insert = new NpgsqlCommand("""
            INSERT INTO users (username)
            SELECT name FROM unnest($1::text[]) WITH ORDINALITY AS given (name, position) ORDER BY position
            RETURNING username, id
            """, _conn, _tx))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _newUsers] });
            using var reader = insert.ExecuteReader();
            while (reader.Read())
                created.Add(reader.GetString(0), reader.GetInt32(1));
        }
        foreach (string name in _newUsers)
            _newUserIds.Add(created[name]);
        _newUsers.Clear();
    }

    // The staged rows, upserted in one statement. DISTINCT ON keeps the last row given per pair (ON CONFLICT may not
    // touch one row twice in a statement); when the pairs are known distinct the sort is skipped. Only rows that differ
    // are updated, so only they take this write's sequence.
    private void Merge(CancellationToken ct)
    {
        // The DISTINCT ON sort of millions of rows spills to disk at the default 4 MB; this lasts until commit.
        Execute("SET LOCAL work_mem = '256MB'", ct);
        string rows = _pairs.Distinct
            ? "SELECT user_id, film_id, stars, rated_on, $1 FROM rating_in"
            : "SELECT DISTINCT ON (user_id, film_id) user_id, film_id, stars, rated_on, $1 FROM rating_in ORDER BY user_id, film_id, ord DESC";
        using var merge = new NpgsqlCommand($"""
            INSERT INTO ratings (user_id, film_id, stars, rated_on, seq)
            {rows}
            ON CONFLICT (user_id, film_id) DO UPDATE SET stars = excluded.stars, rated_on = excluded.rated_on, seq = excluded.seq
            WHERE (ratings.stars, ratings.rated_on) IS DISTINCT FROM (excluded.stars, excluded.rated_on)
            """, _conn, _tx) { CommandTimeout = 0 };
        merge.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _seq });
        merge.ExecuteNonQuery();
    }

    private void Execute(string sql, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var cmd = new NpgsqlCommand(sql, _conn, _tx) { CommandTimeout = 0 };
        cmd.ExecuteNonQuery();
    }

    /// <summary>One rating waiting in the chunk; <see cref="User"/> is the resolver's negative key for a user this write creates.</summary>
    private readonly record struct Row(int User, int Film, float Stars, DateOnly? RatedOn);
}
