using Recs.Storage.Sqlite;

namespace Recs.Tests.Storage;

public sealed class SqliteConnectionSettingsTests
{
    [Fact]
    public async Task Every_connection_the_store_opens_has_a_bounded_page_cache()
    {
        await using var temporary = new TemporarySqliteStore();
        var store = (SqliteRatingStore)temporary.Store;
        await store.MigrateAsync();
        // Twice: the second connection comes from the pool, where a setting made only at creation would be kept but
        // one reset by the pool would not.
        for (int open = 0; open < 2; open++)
        {
            await using var conn = await store.OpenAsync(CancellationToken.None);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA cache_size";
            long kibibytes = -(long)(await cmd.ExecuteScalarAsync())!;
            Assert.True(kibibytes == SqliteRatingStore.ConnectionCacheKibibytes,
                $"connection {open} has a page cache of {kibibytes} KiB, not {SqliteRatingStore.ConnectionCacheKibibytes}");
            cmd.CommandText = "PRAGMA synchronous";
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!); // NORMAL
        }
    }
}
