namespace Recs.Tests.Storage;

public sealed class SqliteRatingStoreTests : RatingStoreContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());
}
