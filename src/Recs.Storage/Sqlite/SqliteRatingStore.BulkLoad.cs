using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Recs.Storage.Sqlite;

// Settings for one bulk write of ratings on a pooled connection, put back before the connection returns to the pool.
//
// A larger cache keeps the pages a bulk write revisits, and the sort of a first load's index builds, in memory: at the
// default 2 MB a ten-million-row write spills its pages to the WAL mid-transaction, and each page read back is then
// looked up through the WAL index blocks written so far, a cost that grows with the write.
//
// A first load into an empty file also leaves WAL for the rollback journal: new pages go straight into the database
// file, once (WAL writes them to the log and copies them again at the checkpoint), and a rollback journal holds
// nothing for pages that did not exist before the transaction. Leaving WAL needs the only connection to the file, so
// while the service or another import has it open the load stays in WAL; readers that open it during the load wait
// (busy timeout) rather than see it half-written. WAL is restored afterwards, and MigrateAsync sets it again at every
// start should that fail.
public sealed partial class SqliteRatingStore
{
    // 64 MB (a negative cache_size is in KiB), which also bounds the in-memory runs of the index builds' sort; the
    // cache grows to it only as pages are touched.
    private const int BulkCacheKiB = 64 * 1024;

    /// <summary>The settings a bulk write changed, to put back.</summary>
    private readonly record struct BulkLoadSettings(long CacheSize, bool LeftWal);

    private static async Task<BulkLoadSettings> EnterBulkLoadAsync(SqliteConnection conn, bool firstLoad, CancellationToken ct)
    {
        long cacheSize = (long)(await ScalarAsync(conn, "PRAGMA cache_size", ct))!;
        await ExecuteAsync(conn, null, $"PRAGMA cache_size = -{BulkCacheKiB.ToString(CultureInfo.InvariantCulture)}", ct);
        if (!firstLoad)
            return new BulkLoadSettings(cacheSize, LeftWal: false);
        // The pragma answers with the mode in force: still "wal" when another connection holds the file.
        string? mode = await ScalarAsync(conn, "PRAGMA journal_mode = TRUNCATE", ct) as string;
        return new BulkLoadSettings(cacheSize, LeftWal: mode is not null && !mode.Equals("wal", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task LeaveBulkLoadAsync(SqliteConnection conn, BulkLoadSettings settings)
    {
        try
        {
            if (settings.LeftWal)
                await ExecuteAsync(conn, null, "PRAGMA journal_mode = WAL", CancellationToken.None);
        }
        finally
        {
            await ExecuteAsync(conn, null, $"PRAGMA cache_size = {settings.CacheSize.ToString(CultureInfo.InvariantCulture)}", CancellationToken.None);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }
}
