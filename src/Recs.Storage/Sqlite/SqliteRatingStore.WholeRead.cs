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
        // On the raw statement: the connection's transaction still holds, so it reads the same snapshot.
        using (var ratings = new SqliteBulkStatement(conn, SqliteWholeReadQueries.Ratings))
            ReadRatings(ratings, builder, ct);
        await using (var exclusions = Command(conn, tx, SqliteWholeReadQueries.Exclusions))
        await using (var reader = await exclusions.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                builder.AddExclusion(reader.GetInt64(0), reader.GetInt64(1));
        }
        await tx.CommitAsync(ct);
    }

    private static void ReadRatings(SqliteBulkStatement ratings, IdRatingsDatasetBuilder builder, CancellationToken ct)
    {
        for (long row = 0; ratings.NextRow(); row++)
        {
            if ((row & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
            builder.AddRating(ratings.Int64At(0), ratings.Int64At(1), (float)ratings.DoubleAt(2));
        }
    }
}
