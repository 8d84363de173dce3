using Microsoft.Data.Sqlite;
using Recs.Engine.Data;

namespace Recs.Storage.Sqlite;

// The whole store by id (SqliteWholeReadQueries): ten million ratings as three numbers each, with no join, no sort and
// no string per rating.
public sealed partial class SqliteRatingStore
{
    public async Task ReadAllByIdAsync(IdRatingsDatasetBuilder builder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        await using var conn = await OpenAsync(ct);
        // A read transaction sees one snapshot of the file from its first read: every id a rating or an exclusion names
        // belongs to a film or user read before it.
        await using var tx = conn.BeginTransaction(deferred: true);
        await using (var films = Command(conn, tx, SqliteWholeReadQueries.Films))
        await using (var reader = await films.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                builder.AddFilm(reader.GetInt64(FilmRow.Count), FilmRow.Read(reader));
        }
        await using (var users = Command(conn, tx, SqliteWholeReadQueries.Users))
        await using (var reader = await users.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                builder.AddUser(reader.GetInt64(0), reader.GetString(1));
        }
        await using (var ratings = Command(conn, tx, SqliteWholeReadQueries.Ratings))
        await using (var reader = await ratings.ExecuteReaderAsync(ct))
            ReadRatings(reader, builder, ct);
        await using (var exclusions = Command(conn, tx, SqliteWholeReadQueries.Exclusions))
        await using (var reader = await exclusions.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                builder.AddExclusion(reader.GetInt64(0), reader.GetInt64(1));
        }
        await tx.CommitAsync(ct);
    }

    // Synchronous: the provider's ReadAsync runs synchronously anyway, and a task per row is pure overhead at this size.
    private static void ReadRatings(SqliteDataReader reader, IdRatingsDatasetBuilder builder, CancellationToken ct)
    {
        for (long row = 0; reader.Read(); row++)
        {
            if ((row & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
            builder.AddRating(reader.GetInt64(0), reader.GetInt64(1), reader.GetFloat(2));
        }
    }
}
