namespace Recs.Tests.Storage;

public sealed class PostgresRatingStoreTests : RatingStoreContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();
}
