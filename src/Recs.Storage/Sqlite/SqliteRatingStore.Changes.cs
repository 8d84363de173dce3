using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Storage.Sqlite;

// What changed after a given change sequence: range scans of the *_seq indexes (SqliteChangeQueries).
public sealed partial class SqliteRatingStore
{
    public async Task<IReadOnlyList<Film>> LoadFilmsChangedSinceAsync(long since, CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = ChangeQuery(conn, SqliteChangeQueries.Films, since);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var films = new List<Film>();
        while (await reader.ReadAsync(ct))
            films.Add(FilmRow.Read(reader));
        return films;
    }

    public async IAsyncEnumerable<RatingRecord> ReadRatingsChangedSinceAsync(long since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = ChangeQuery(conn, SqliteChangeQueries.Ratings, since);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return RatingAt(reader);
    }

    public async IAsyncEnumerable<ExclusionSet> ReadExclusionSetsChangedSinceAsync(long since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = ChangeQuery(conn, SqliteChangeQueries.ExclusionSets, since);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var grouper = new ExclusionSetReader();
        while (await reader.ReadAsync(ct))
        {
            if (grouper.Add(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) is { } done)
                yield return done;
        }
        if (grouper.Finish() is { } last)
            yield return last;
    }

    public async Task<long> CountRatingsChangedSinceAsync(long since, CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = ChangeQuery(conn, SqliteChangeQueries.CountRatings, since);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static SqliteCommand ChangeQuery(SqliteConnection conn, string sql, long since)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.Add("$since", SqliteType.Integer).Value = since;
        return cmd;
    }
}
