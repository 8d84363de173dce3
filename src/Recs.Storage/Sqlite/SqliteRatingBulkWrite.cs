using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Recs.Storage.Sqlite;

/// <summary>
/// One bulk write of resolved ratings (<see cref="RatingIdResolver"/>) inside the connection's open transaction: new
/// users created as they first appear, rows upserted <see cref="BatchRows"/> to a statement so that SQLite's
/// per-statement work (sub-transaction, program start, halt) is paid once per batch. Within a statement SQLite applies
/// the rows in order, so the last rating of a pair wins as it does across statements.
/// </summary>
internal sealed class SqliteRatingBulkWrite : IDisposable
{
    public const int BatchRows = 64;

    private const string DateFormat = "yyyy-MM-dd";
    private const int Columns = 4;

    private readonly SqliteBulkStatement _addUser;
    private readonly SqliteBulkStatement _one;
    private readonly SqliteBulkStatement _batch;
    private readonly Row[] _pending = new Row[BatchRows];
    // The ids of the users created by this write, by their resolver key (-key - 1).
    private readonly List<long> _newUserIds = [];
    private int _count;

    public SqliteRatingBulkWrite(SqliteConnection conn, long seq)
    {
        _addUser = new SqliteBulkStatement(conn, "INSERT INTO users (username) VALUES ($username) RETURNING id");
        _one = new SqliteBulkStatement(conn, Upsert(seq, 1));
        _batch = new SqliteBulkStatement(conn, Upsert(seq, BatchRows));
    }

    // Upserts the given number of rows in one statement, with the store's conflict rule; the sequence is written into
    // the text, which is prepared once per write.
    private static string Upsert(long seq, int rows)
    {
        string values = $"(?, ?, ?, ?, {seq.ToString(CultureInfo.InvariantCulture)})";
        var sql = new StringBuilder("INSERT INTO ratings (user_id, film_id, stars, rated_on, seq) VALUES ");
        sql.AppendJoin(", ", Enumerable.Repeat(values, rows));
        return sql.Append('\n').Append(SqliteRatingStore.OnRatingConflict).ToString();
    }

    /// <summary>Time spent binding and running the insert statements, i.e. in SQLite, so far.</summary>
    public TimeSpan InsertTime => Stopwatch.GetElapsedTime(0, _insertTicks);

    private long _insertTicks;

    /// <summary>
    /// Writes every rating; returns how many were given. The resolver's exceptions (an unknown film, an invalid rating)
    /// pass through; disposing the transaction uncommitted then rolls back every row written so far.
    /// </summary>
    public int Write(IEnumerable<ResolvedRating> ratings, CancellationToken ct)
    {
        int count = 0;
        foreach (var rating in ratings)
        {
            if ((count & 0xFFF) == 0)
                ct.ThrowIfCancellationRequested();
            _pending[_count++] = new Row(UserId(rating), rating.Film, rating.Stars, rating.RatedOn);
            if (_count == BatchRows)
            {
                long before = Stopwatch.GetTimestamp();
                Bind(_batch, 0, BatchRows);
                _batch.Execute();
                _insertTicks += Stopwatch.GetTimestamp() - before;
                _count = 0;
            }
            count++;
        }
        for (int i = 0; i < _count; i++)
        {
            Bind(_one, i, 1);
            _one.Execute();
        }
        _count = 0;
        return count;
    }

    public void Dispose()
    {
        _batch.Dispose();
        _one.Dispose();
        _addUser.Dispose();
    }

    private long UserId(in ResolvedRating rating)
    {
        if (rating.User >= 0)
            return rating.User;
        if (rating.NewUser is { } username)
        {
            // Keys are handed out in order of first appearance, and a user's first row carries the name.
            Debug.Assert(-rating.User - 1 == _newUserIds.Count, "a new user's first row comes in key order");
            _addUser.Bind(1, username);
            _newUserIds.Add(_addUser.ExecuteInt64());
        }
        return _newUserIds[(int)(-rating.User - 1)];
    }

    // Binds rows [first, first + rows) of the pending batch to the statement's parameters, in order.
    private void Bind(SqliteBulkStatement statement, int first, int rows)
    {
        Span<char> day = stackalloc char[DateFormat.Length];
        for (int r = 0; r < rows; r++)
        {
            ref readonly Row row = ref _pending[first + r];
            int p = r * Columns;
            statement.Bind(p + 1, row.User);
            statement.Bind(p + 2, row.Film);
            statement.Bind(p + 3, (double)row.Stars);
            if (row.RatedOn is { } d && d.TryFormat(day, out int written, DateFormat, CultureInfo.InvariantCulture))
                statement.Bind(p + 4, day[..written]);
            else
                statement.BindNull(p + 4);
        }
    }

    private readonly record struct Row(long User, long Film, float Stars, DateOnly? RatedOn);
}
