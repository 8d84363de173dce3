using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>Gives each test a fresh, migrated store of the kind the derived class chooses, disposed after the test.</summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private TemporaryStore? _temporary;

    protected abstract Task<TemporaryStore> CreateTemporaryStoreAsync();

    /// <summary>The store under test, created and migrated on first use (inside the test, so skips are reported as skips).</summary>
    protected async Task<IRatingStore> StoreAsync()
    {
        if (_temporary is null)
        {
            _temporary = await CreateTemporaryStoreAsync();
            await _temporary.Store.MigrateAsync();
        }
        return _temporary.Store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_temporary is not null)
        {
            await _temporary.DisposeAsync();
        }
    }

    protected static string Describe(Film f) =>
        $"{f.Slug}|{f.Title}|{f.Year}|{string.Join(',', f.Genres)}|{f.ContentType}|{f.Popularity}|{f.LetterboxdUri}";

    protected static async Task<List<RatingRecord>> ReadAllAsync(IRatingStore store)
    {
        var all = new List<RatingRecord>();
        await foreach (var r in store.ReadAllRatingsAsync())
        {
            all.Add(r);
        }
        return all;
    }
}
