namespace Recs.Tests.Storage;

public sealed class PostgresRatingStoreTests : RatingStoreContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();

    protected override string SchemaVersion => "4";
}

public sealed class PostgresPersonWriteTests : PersonWriteContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();
}

public sealed class PostgresChangesSinceTests : ChangesSinceContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();
}

public sealed class PostgresSchemaUpgradeTests : SchemaUpgradeContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();

    protected override string SchemaVersion => "4";

    protected override string Version2Ddl => Version2Schema.Postgres;

    protected override Task ExecuteAsync(TemporaryStore store, string sql) => ((TemporaryPostgresStore)store).ExecuteAsync(sql);
}

public sealed class PostgresRatingIndexTests : RatingIndexContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();

    // No index by sequence since version 4: the triggers keep users.ratings_seq instead.
    protected override string[] RatingIndexes => ["ratings_inserted (trigger)", "ratings_updated (trigger)"];

    protected override Task<List<string>> SecondaryRatingIndexesAsync(TemporaryStore store) => ((TemporaryPostgresStore)store).QueryAsync("""
        SELECT indexname FROM pg_indexes WHERE tablename = 'ratings' AND indexname <> 'ratings_pkey'
        UNION ALL
        SELECT tgname || ' (trigger)' FROM pg_trigger WHERE tgrelid = 'ratings'::regclass AND NOT tgisinternal AND tgenabled = 'O'
        ORDER BY 1
        """);
}

public sealed class PostgresWholeReadTests : WholeReadContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();
}
