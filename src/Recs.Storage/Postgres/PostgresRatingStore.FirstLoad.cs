using Npgsql;

namespace Recs.Storage.Postgres;

// A first import into an empty ratings table loads it bare: the primary key is dropped and the triggers that stamp
// users.ratings_seq are turned off inside the import's own transaction, and both come back once the rows are in (the
// key a sort and an append; the users stamped by the import itself). Kept during a COPY, the primary key cost the
// server more than the rows themselves (10M ratings: 77 s with it, 17 s without, 13 s to build it afterwards, at load
// 10–13; bench/import-times.sh).
//
// Inside the transaction, so nothing outlives it: a failed, cancelled or empty import rolls back to the table as it
// was, keys and triggers included, and no other session ever sees the table without its primary key. The price is the
// ACCESS EXCLUSIVE lock DROP takes: until commit, readers of ratings wait for the import (they would read an empty
// table otherwise). Writers wait in any case, on the change sequence this transaction advanced first — which is also
// why the table, once found empty here, stays empty until the rows go in. A reader already holding the table makes
// the drop give up after a second, and the import loads with the keys in place instead.
public sealed partial class PostgresRatingStore
{
    private const string FirstLoadSavepoint = "first_load";

    private static async Task<bool> DropRatingKeysWhenEmptyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using (var empty = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM ratings)", conn, tx))
        {
            if (!(bool)(await empty.ExecuteScalarAsync(ct))!)
                return false;
        }
        await tx.SaveAsync(FirstLoadSavepoint, ct);
        try
        {
            await ExecuteAsync(conn, tx, "SET LOCAL lock_timeout = '1s'", ct);
            await ExecuteAsync(conn, tx, PostgresSchema.DropRatingKeys, ct);
            await ExecuteAsync(conn, tx, "SET LOCAL lock_timeout TO DEFAULT", ct);
            await tx.ReleaseAsync(FirstLoadSavepoint, ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            // Undoes the SET LOCAL as well: it was made after the savepoint.
            await tx.RollbackAsync(FirstLoadSavepoint, ct);
            return false;
        }
    }
}
