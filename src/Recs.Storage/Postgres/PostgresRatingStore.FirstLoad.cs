using Npgsql;

namespace Recs.Storage.Postgres;

// A first import into an empty ratings table builds the table's secondary indexes (ratings_film_id, ratings_seq) once,
// after its rows are in, instead of updating them row by row: ratings_seq alone added a tenth to the server's time for
// a million-row import. DROP INDEX takes an exclusive lock on ratings, so it commits at once in a transaction of its
// own (readers of an empty table wait for it a moment at most); the indexes are built again inside the import's
// transaction, which locks out writers only, and restored straight away when the import fails or writes nothing.
public sealed partial class PostgresRatingStore
{
    private static async Task<bool> DropRatingIndexesWhenEmptyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Readers in a long transaction keep their lock: then load with the indexes rather than queue everyone behind us.
        await ExecuteAsync(conn, tx, "SET LOCAL lock_timeout = '1s'", ct);
        await using (var empty = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM ratings)", conn, tx))
        {
            if (!(bool)(await empty.ExecuteScalarAsync(ct))!)
                return false;
        }
        try
        {
            await ExecuteAsync(conn, tx, PostgresSchema.DropRatingIndexes, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
        await tx.CommitAsync(ct);
        return true;
    }

    // On a connection of its own, since the import's may be the one that failed; should this fail too, the next
    // MigrateAsync builds whatever index is missing.
    private async Task RestoreRatingIndexesAsync()
    {
        try
        {
            await using var conn = await _dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var cmd = new NpgsqlCommand(PostgresSchema.CreateRatingIndexes, conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }
    }
}
