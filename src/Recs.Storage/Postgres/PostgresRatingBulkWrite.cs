using System.Diagnostics;
using Npgsql;

namespace Recs.Storage.Postgres;

/// <summary>
/// One bulk write of resolved ratings (<see cref="RatingIdResolver"/>: film slugs and usernames already ids, rather than
/// joined on the server) inside the caller's transaction, which has advanced the change sequence (so no other writer
/// runs until it commits). Rows go by one binary COPY (encoded here, see <see cref="PostgresBinaryCopyWriter"/>)
/// straight into ratings while the table was empty when the write began and every pair so far is provably distinct
/// (<see cref="DistinctPairCheck"/>), otherwise into a staging table of ids that one set-based upsert merges, the last
/// row of a pair winning.
/// </summary>
/// <remarks>
/// <para>
/// New users get their ids here, from a block of the identity sequence taken before the first row, in order of first
/// appearance; they are inserted in one statement once the rows are in. That keeps a single COPY open for the whole
/// write, so the server stores one stretch of rows while this thread resolves the next: with a COPY per chunk (users
/// had to exist before their rows' chunk) the two took turns, 5 s of resolving and 9 s of the server's COPY one after
/// the other at ten million rows. Taking the block is safe because every path that creates users advances the change
/// sequence first, and this transaction holds it: no other session draws from the identity sequence until commit.
/// </para>
/// <para>
/// Synchronous on purpose: the rows come from a synchronous enumerable (an import reading its file), and an awaited
/// write per field cost more than the server's work on ten million rows.
/// </para>
/// </remarks>
internal sealed class PostgresRatingBulkWrite : IDisposable
{
    // How often a long write looks at its cancellation token.
    private const int RowsBetweenChecks = 65_536;

    private const string CopyIntoRatings = "COPY ratings (user_id, film_id, stars, rated_on, seq) FROM STDIN (FORMAT BINARY)";
    private const string CopyIntoStaging = "COPY rating_in (ord, user_id, film_id, stars, rated_on) FROM STDIN (FORMAT BINARY)";

    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlTransaction _tx;
    private readonly long _seq;
    private readonly DistinctPairCheck _pairs = new();
    // The new users in order of first appearance: the resolver's key -k - 1 is _newUsers[k], whose id is _firstNewUser + k.
    private readonly List<string> _newUsers = [];
    // Users the store held before this write who were given rows while the triggers were off (a first load).
    private readonly HashSet<int>? _existingUsers;
    private int _firstNewUser;
    private PostgresBinaryCopyWriter? _copy;
    // The current user's rows on the direct path, held until the user's run ends and then sent in film order.
    private int _runUser = -1;
    private int _runLength;
    private int[] _runFilms = new int[256];
    private RunRow[] _runRows = new RunRow[256];
    private int _ord;
    private long _serverTicks;

    private bool _direct;
    private bool _staged;

    /// <param name="firstLoad">
    /// True when ratings held no row once the transaction had advanced the sequence, and has neither keys nor triggers
    /// until the rows are in: this write then stamps its users' <c>ratings_seq</c> itself.
    /// </param>
    public PostgresRatingBulkWrite(NpgsqlConnection conn, NpgsqlTransaction tx, long seq, bool firstLoad)
    {
        _conn = conn;
        _tx = tx;
        _seq = seq;
        _direct = firstLoad;
        _existingUsers = firstLoad ? [] : null;
    }

    /// <summary>Writes every rating; returns how many were given. The resolver's exceptions (an unknown film, an invalid rating) pass through.</summary>
    public int Write(IEnumerable<ResolvedRating> ratings, CancellationToken ct)
    {
        _firstNewUser = ReserveUserIds(ct);
        int count = 0;
        foreach (var rating in ratings)
        {
            if (rating.NewUser is { } name)
                _newUsers.Add(name);
            // Ids are int4 in this schema, so they fit.
            int user = rating.User >= 0 ? (int)rating.User : _firstNewUser + (int)(-rating.User - 1);
            if (rating.User >= 0)
                _existingUsers?.Add(user);
            int film = (int)rating.Film;
            if (_direct && !_pairs.Add(user, film))
            {
                // From the first pair that may repeat, rows go to staging, where the merge lets the last one win.
                CompleteCopy();
                _direct = false;
            }
            if (_direct)
                WriteDirect(user, film, rating);
            else
                WriteStaged(user, film, rating, ct);
            if (++count % RowsBetweenChecks == 0)
                ct.ThrowIfCancellationRequested();
        }
        CompleteCopy();
        long before = Stopwatch.GetTimestamp();
        CreateNewUsers(ct);
        StampExistingUsers(ct);
        _serverTicks += Stopwatch.GetTimestamp() - before;
        return count;
    }

    /// <summary>True when some rows went to the staging table, for <see cref="MergeStaged"/> to merge.</summary>
    public bool Staged => _staged;

    /// <summary>Once <see cref="Write"/> has returned: the time it waited for the server, blocked on the COPY while the server caught up, and creating and stamping the users.</summary>
    public TimeSpan ServerTime => Stopwatch.GetElapsedTime(0, _serverTicks);

    /// <summary>
    /// Upserts the staged rows into ratings, once every row is written; needs the table's primary key, so a first load
    /// builds it before.
    /// </summary>
    public void MergeStaged(CancellationToken ct)
    {
        if (_staged)
            Merge(ct);
    }

    /// <summary>Cancels a COPY still open, as when a row failed to resolve; the caller's transaction then rolls back.</summary>
    public void Dispose() => _copy?.Dispose();

    // A first load sends each user's run sorted by film: new users' ids rise in order of first appearance, so the heap
    // then lies in primary key order, which the key's build sorts faster (10M rows: 5.8 s against 6.6–7.5 s in psql)
    // and a person's rows are read from fewer pages. Runs are a person's ratings, a few hundred rows.
    private void WriteDirect(int user, int film, in ResolvedRating rating)
    {
        if (user != _runUser)
        {
            SendRun();
            _runUser = user;
        }
        if (_runLength == _runFilms.Length)
        {
            Array.Resize(ref _runFilms, _runLength * 2);
            Array.Resize(ref _runRows, _runLength * 2);
        }
        _runFilms[_runLength] = film;
        _runRows[_runLength++] = new RunRow(rating.Stars, rating.RatedOn);
    }

    private void SendRun()
    {
        if (_runLength == 0)
            return;
        Array.Sort(_runFilms, _runRows, 0, _runLength);
        var copy = _copy ??= new PostgresBinaryCopyWriter(_conn, CopyIntoRatings);
        for (int i = 0; i < _runLength; i++)
        {
            copy.StartRow(5);
            copy.Write(_runUser);
            copy.Write(_runFilms[i]);
            copy.Write(_runRows[i].Stars);
            copy.Write(_runRows[i].RatedOn);
            copy.Write(_seq);
        }
        _runLength = 0;
    }

    private void WriteStaged(int user, int film, in ResolvedRating rating, CancellationToken ct)
    {
        if (!_staged)
        {
            Execute("CREATE TEMP TABLE rating_in (ord integer, user_id integer, film_id integer, stars real, rated_on date) ON COMMIT DROP", ct);
            _staged = true;
        }
        _pairs.Add(user, film);
        var copy = _copy ??= new PostgresBinaryCopyWriter(_conn, CopyIntoStaging);
        copy.StartRow(5);
        copy.Write(_ord++);
        copy.Write(user);
        copy.Write(film);
        copy.Write(rating.Stars);
        copy.Write(rating.RatedOn);
    }

    private void CompleteCopy()
    {
        SendRun();
        if (_copy is not { } copy)
            return;
        copy.Complete();
        _serverTicks += copy.BlockedTicks;
        copy.Dispose();
        _copy = null;
    }

    // The next value of the users' identity sequence: the first new user's id, the others following it.
    private int ReserveUserIds(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var cmd = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('users', 'id'))", _conn, _tx);
        return checked((int)(long)cmd.ExecuteScalar()!);
    }

    // Inserts the new users with the ids their rows carry and this write's sequence as their ratings' (every new user
    // comes with a row), then moves the identity sequence past the last of them, so that users created later continue
    // after it. A rollback leaves the sequence moved: a gap in the ids, as any rolled-back insert leaves.
    private void CreateNewUsers(CancellationToken ct)
    {
        if (_newUsers.Count == 0)
            return;
        ct.ThrowIfCancellationRequested();
        using (var insert = new NpgsqlCommand("""
            INSERT INTO users (id, username, ratings_seq) OVERRIDING SYSTEM VALUE
            SELECT $1 + position - 1, name, $3 FROM unnest($2::text[]) WITH ORDINALITY AS given (name, position)
            """, _conn, _tx) { CommandTimeout = 0 })
        {
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _firstNewUser });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _newUsers] });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _seq });
            insert.ExecuteNonQuery();
        }
        using var advance = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('users', 'id'), $1)", _conn, _tx);
        advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)_firstNewUser + _newUsers.Count - 1 });
        advance.ExecuteNonQuery();
    }

    // What the triggers would have done for the users who existed before a first load: those are few (people who
    // wrote exclusions or an empty upload first), the new ones having been stamped as they were inserted.
    private void StampExistingUsers(CancellationToken ct)
    {
        if (_existingUsers is not { Count: > 0 })
            return;
        ct.ThrowIfCancellationRequested();
        using var stamp = new NpgsqlCommand(
            "UPDATE users SET ratings_seq = $1 WHERE id = ANY($2) AND ratings_seq < $1", _conn, _tx) { CommandTimeout = 0 };
        stamp.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _seq });
        stamp.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. _existingUsers] });
        stamp.ExecuteNonQuery();
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

    private readonly record struct RunRow(float Stars, DateOnly? RatedOn);
}
