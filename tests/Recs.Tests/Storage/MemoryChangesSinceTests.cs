using Recs.Engine.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Storage;

/// <summary>The in-process store that fault tests use answers "what changed since" as the real stores do.</summary>
public sealed class MemoryChangesSinceTests : ChangesSinceContract
{
    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporaryMemoryStore());

    private sealed class TemporaryMemoryStore : TemporaryStore
    {
        private readonly MemoryRatingStore _store = new();

        public override IRatingStore Store => _store;

        public override ValueTask DisposeAsync() => _store.DisposeAsync();
    }
}
