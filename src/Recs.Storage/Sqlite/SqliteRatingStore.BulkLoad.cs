using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Recs.Storage.Sqlite;

// Settings for one bulk write of ratings on a pooled connection, put back before the connection returns to the pool.
//
// A larger cache keeps the pages a bulk write revisits, and the sort of a first load's index builds, in memory: at the
// default 2 MB a ten-million-row write spills its pages to the WAL mid-transaction, and each page read back is then
// looked up through the WAL index blocks written so far, a cost that grows with the write.
//
// The journal stays WAL throughout: leaving it for the rollback journal during a first load was faster, but a service
// writing its demo seed while its own health probe and loader read the file then met SQLITE_BUSY (a reader upgrading
// its lock under a pending writer is refused without waiting), and the seed was lost.
public sealed partial class SqliteRatingStore
{
    // 64 MB (a negative cache_size is in KiB), which also bounds the in-memory runs of the index builds' sort; the
    // cache grows to it only as pages are touched.
    private const int BulkCacheKiB = 64 * 1024;

    /// <summary>The settings a bulk write changed, to put back.</summary>
    private readonly record struct BulkLoadSettings(long CacheSize);

    private static async Task<BulkLoadSettings> EnterBulkLoadAsync(SqliteConnection conn, CancellationToken ct)
    {
        long cacheSize = (long)(await ScalarAsync(conn, "PRAGMA cache_size", ct))!;
        await ExecuteAsync(conn, null, $"PRAGMA cache_size = -{BulkCacheKiB.ToString(CultureInfo.InvariantCulture)}", ct);
        return new BulkLoadSettings(cacheSize);
    }

    private static Task LeaveBulkLoadAsync(SqliteConnection conn, BulkLoadSettings settings) =>
        ExecuteAsync(conn, null, $"PRAGMA cache_size = {settings.CacheSize.ToString(CultureInfo.InvariantCulture)}", CancellationToken.None);

    private static async Task<object?> ScalarAsync(SqliteConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }
}
