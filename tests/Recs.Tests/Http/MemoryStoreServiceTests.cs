using Recs.Engine.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

public sealed class MemoryStoreFixture : ServiceFixture
{
    protected override Task<IRatingStore> CreateStoreAsync() => Task.FromResult<IRatingStore>(new MemoryRatingStore());
}

public sealed class MemoryStoreServiceTests(MemoryStoreFixture fixture) : ServiceEndpointsContract<MemoryStoreFixture>(fixture);
