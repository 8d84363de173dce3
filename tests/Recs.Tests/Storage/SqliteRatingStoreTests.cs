namespace Recs.Tests.Storage;

public sealed class SqliteRatingStoreTests : RatingStoreContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());
}

public sealed class SqlitePersonWriteTests : PersonWriteContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());
}

public sealed class SqliteChangesSinceTests : ChangesSinceContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());
}

public sealed class SqliteSchemaUpgradeTests : SchemaUpgradeContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());

    protected override string Version2Ddl => Version2Schema.Sqlite;

    protected override async Task ExecuteAsync(TemporaryStore store, string sql)
    {
        // Unpooled, so the file is closed again before the store opens it.
        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={((TemporarySqliteStore)store).DatabasePath};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
