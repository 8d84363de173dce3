namespace Recs.Tests.Storage;

public sealed class SqliteRatingStoreTests : RatingStoreContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());

    protected override string SchemaVersion => "3";
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

    protected override string SchemaVersion => "3";

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

public sealed class SqliteRatingIndexTests : RatingIndexContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());

    protected override string[] RatingIndexes => ["ratings_seq"];

    protected override async Task<List<string>> SecondaryRatingIndexesAsync(TemporaryStore store)
    {
        // Unpooled, so the file is closed again before the temporary folder is deleted.
        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={((TemporarySqliteStore)store).DatabasePath};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        // Automatic indexes (of UNIQUE and PRIMARY KEY constraints) have no SQL.
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings' AND sql IS NOT NULL ORDER BY name";
        await using var reader = await cmd.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }
}

public sealed class SqliteWholeReadTests : WholeReadContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());
}
