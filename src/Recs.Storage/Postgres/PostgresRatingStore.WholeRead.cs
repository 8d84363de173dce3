using System.Data;
using Npgsql;
using NpgsqlTypes;
using Recs.Engine.Data;

namespace Recs.Storage.Postgres;

// The whole store by id: ratings leave the server by binary COPY of the table itself, in heap order (a sequential scan,
// no join, no sort), twelve bytes of payload a row; the builder puts them in order. Only films and users are sorted
// here, by slug and username in byte order (COLLATE "C", the order SQLite gives), a small sort beside the ratings.
public sealed partial class PostgresRatingStore
{
    private const string CopyRatingsOut = "COPY ratings (user_id, film_id, stars) TO STDOUT (FORMAT BINARY)";

    public async Task ReadAllByIdAsync(IdRatingsDatasetBuilder builder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        // One snapshot for the four reads: every id a rating or an exclusion names belongs to a film or user read before it.
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var films = Command(conn, tx, $"SELECT {FilmRow.Columns}, id FROM films ORDER BY slug COLLATE \"C\"", bulk: true))
        await using (var reader = await films.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                builder.AddFilm(reader.GetInt32(FilmRow.Count), FilmRow.Read(reader));
        }
        await using (var users = Command(conn, tx, "SELECT id, username FROM users ORDER BY username COLLATE \"C\"", bulk: true))
        await using (var reader = await users.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                builder.AddUser(reader.GetInt32(0), reader.GetString(1));
        }
        using (var export = await conn.BeginBinaryExportAsync(CopyRatingsOut, ct))
            ReadRatings(export, builder, ct);
        await using (var exclusions = Command(conn, tx, "SELECT user_id, film_id FROM exclusions", bulk: true))
        await using (var reader = await exclusions.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                builder.AddExclusion(reader.GetInt32(0), reader.GetInt32(1));
        }
        await tx.CommitAsync(ct);
    }

    // Synchronous, as the bulk write is: an awaited read per field costs more than the server's work on ten million rows.
    // Leaving early (cancellation, a bad row) disposes the export, which cancels the COPY on the server.
    private static void ReadRatings(NpgsqlBinaryExporter export, IdRatingsDatasetBuilder builder, CancellationToken ct)
    {
        for (long row = 0; export.StartRow() != -1; row++)
        {
            if ((row & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
            int user = export.Read<int>(NpgsqlDbType.Integer);
            int film = export.Read<int>(NpgsqlDbType.Integer);
            builder.AddRating(user, film, export.Read<float>(NpgsqlDbType.Real));
        }
    }
}
