namespace Recs.Tests.Storage;

public sealed class SqliteRatingStoreTests : RatingStoreContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());
}

public sealed class SqlitePersonWriteTests : PersonWriteContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());
}
