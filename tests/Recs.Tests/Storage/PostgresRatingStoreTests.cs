namespace Recs.Tests.Storage;

public sealed class PostgresRatingStoreTests : RatingStoreContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();
}

public sealed class PostgresPersonWriteTests : PersonWriteContract
{
    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();
}
