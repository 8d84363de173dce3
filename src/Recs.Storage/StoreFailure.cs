using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Recs.Storage;

/// <summary>Tells a store that cannot answer now (unreachable, overloaded, locked: retry later) from a fault in the request or the code.</summary>
public static class StoreFailure
{
    /// <summary>
    /// True when <paramref name="error"/> means the database is unreachable or temporarily unable to serve: connection
    /// failures and timeouts, PostgreSQL's connection (08), resource (53: e.g. too many connections), shutdown (57P)
    /// and serialisation (40) classes, SQLite's busy, locked, I/O, full-disk and cannot-open errors.
    /// </summary>
    public static bool IsUnavailable(Exception error) => error switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("40", StringComparison.Ordinal),
        NpgsqlException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14,
        TimeoutException or SocketException or IOException => true,
        _ => error.InnerException is { } inner && IsUnavailable(inner),
    };
}
