using System.Runtime.CompilerServices;
using Npgsql;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Storage.Postgres;

// What changed after a given change sequence: range scans of the *_seq indexes (see PostgresSchema.CreateIndexes).
public sealed partial class PostgresRatingStore
{
    public async Task<IReadOnlyList<Film>> LoadFilmsChangedSinceAsync(long since, CancellationToken ct = default)
    {
        await using var cmd = _dataSource.CreateCommand(
            $"SELECT {FilmRow.Columns} FROM films WHERE seq > $1 ORDER BY slug COLLATE \"C\"");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var films = new List<Film>();
        while (await reader.ReadAsync(ct))
            films.Add(FilmRow.Read(reader));
        return films;
    }

    public async IAsyncEnumerable<RatingRecord> ReadRatingsChangedSinceAsync(long since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // A delta of a few uploads is an Index Scan on users_ratings_seq, a primary key range scan of each of those
        // people's ratings and a lookup of each film, then a sort of those rows only; a delta as large as an import is
        // planned like the full read.
        await using var cmd = _dataSource.CreateCommand("""
            SELECT u.username, f.slug, r.stars, r.rated_on
            FROM users u JOIN ratings r ON r.user_id = u.id JOIN films f ON f.id = r.film_id
            WHERE u.ratings_seq > $1 AND r.seq > $1
            ORDER BY u.username COLLATE "C", f.slug COLLATE "C"
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
            yield return RatingAt(reader);
    }

    public async IAsyncEnumerable<ExclusionSet> ReadExclusionSetsChangedSinceAsync(long since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // The outer joins keep a person whose set is now empty, as one row with a null slug.
        await using var cmd = _dataSource.CreateCommand("""
            SELECT u.username, f.slug
            FROM users u LEFT JOIN exclusions e ON e.user_id = u.id LEFT JOIN films f ON f.id = e.film_id
            WHERE u.exclusions_seq > $1
            ORDER BY u.username COLLATE "C", f.slug COLLATE "C"
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
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
        await using var cmd = _dataSource.CreateCommand(
            "SELECT count(*) FROM users u JOIN ratings r ON r.user_id = u.id WHERE u.ratings_seq > $1 AND r.seq > $1");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
