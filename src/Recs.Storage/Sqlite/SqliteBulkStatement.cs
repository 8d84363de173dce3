using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Recs.Storage.Sqlite;

/// <summary>
/// A statement prepared on a connection's native handle and bound and read by position, for a write that runs it
/// millions of times, or a read that returns millions of rows, inside the connection's open transaction. Dispose it
/// before the connection: an unfinalised statement keeps the pooled handle busy.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite looks every parameter up by name, boxes its value and creates a data reader on each
/// execution; that was most of the time of a ten-million-row import. Its reader checks every column's type and state on
/// each get, which was most of the time of reading ten million ratings. Binding and reading by position on the raw
/// statement leaves SQLite's own work.
/// </remarks>
internal sealed class SqliteBulkStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public SqliteBulkStatement(SqliteConnection conn, string sql)
    {
        _db = conn.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    /// <summary>Binds the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_stmt, index, value));

    /// <summary>Binds text; SQLite copies it, so the span may be reused at once.</summary>
    public void Bind(int index, ReadOnlySpan<char> text) => Check(raw.sqlite3_bind_text16(_stmt, index, text));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Runs the statement once with the values bound; throws <see cref="SqliteException"/> as Microsoft.Data.Sqlite would.</summary>
    public void Execute()
    {
        int rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Runs the statement once and returns the first column of its first row (an INSERT … RETURNING id).</summary>
    public long ExecuteInt64()
    {
        int rc = raw.sqlite3_step(_stmt);
        long value = rc == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_stmt, 0) : 0;
        // Stepping a RETURNING statement to its end is not needed: its write is complete at the first row.
        raw.sqlite3_reset(_stmt);
        if (rc == raw.SQLITE_DONE)
            throw new InvalidOperationException("the statement returned no row");
        if (rc != raw.SQLITE_ROW)
            SqliteException.ThrowExceptionForRC(rc, _db);
        return value;
    }

    /// <summary>Steps to the next row of a query: true when there is one, false at the end; throws <see cref="SqliteException"/> on an error.</summary>
    public bool NextRow()
    {
        int rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
            return true;
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>Ends a query stepped with <see cref="NextRow"/> before its last row, so the statement can be bound and run again.</summary>
    public void Reset() => raw.sqlite3_reset(_stmt);

    /// <summary>The 0-based column <paramref name="index"/> of the current row as an integer (SQLite's own conversion).</summary>
    public long Int64At(int index) => raw.sqlite3_column_int64(_stmt, index);

    /// <summary>The 0-based column <paramref name="index"/> of the current row as a double (SQLite's own conversion).</summary>
    public double DoubleAt(int index) => raw.sqlite3_column_double(_stmt, index);

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
