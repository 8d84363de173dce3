using System.Security.Cryptography;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>Gives each test a fresh, migrated store of the kind the derived class chooses, disposed after the test.</summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private TemporaryStore? _temporary;

    protected abstract Task<TemporaryStore> CreateTemporaryStoreAsync();

    /// <summary>The store under test, created and migrated on first use (inside the test, so skips are reported as skips).</summary>
    protected async Task<IRatingStore> StoreAsync() => (await TemporaryAsync()).Store;

    /// <summary>The temporary database behind <see cref="StoreAsync"/>, for tests that also look at it directly.</summary>
    protected async Task<TemporaryStore> TemporaryAsync()
    {
        if (_temporary is null)
        {
            _temporary = await CreateTemporaryStoreAsync();
            await _temporary.Store.MigrateAsync();
        }
        return _temporary;
    }

    /// <summary>The store under test on an empty database that was never migrated, for tests that build an older schema first.</summary>
    protected async Task<TemporaryStore> UnmigratedAsync()
    {
        Assert.Null(_temporary);
        _temporary = await CreateTemporaryStoreAsync();
        return _temporary;
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

    /// <summary>One person's write made with the API key, so it may write anyone.</summary>
    protected static PersonWrite ByApiKey(string user, IReadOnlyList<RatingRecord> ratings, IReadOnlyList<string>? exclusions) =>
        new(user, ratings, exclusions, WriteAuthority.ApiKey, null, SHA256.HashData(RandomNumberGenerator.GetBytes(32)));

    protected static async Task AssertNothingChangedSinceAsync(IRatingStore store, long since, string when)
    {
        var films = await store.LoadFilmsChangedSinceAsync(since);
        Assert.True(films.Count == 0, $"{when}: films reported as changed since {since}: {string.Join(", ", films.Select(f => f.Slug))}");
        var ratings = await RatingsSinceAsync(store, since);
        Assert.True(ratings.Count == 0, $"{when}: ratings reported as changed since {since}: {string.Join(", ", ratings)}");
        Assert.Equal(0, await store.CountRatingsChangedSinceAsync(since));
        var sets = await ExclusionSetsSinceAsync(store, since);
        Assert.True(sets.Count == 0, $"{when}: exclusion sets reported as changed since {since}: {string.Join(", ", sets)}");
    }

    protected static async Task<List<RatingRecord>> RatingsSinceAsync(IRatingStore store, long since)
    {
        var ratings = new List<RatingRecord>();
        await foreach (var r in store.ReadRatingsChangedSinceAsync(since))
            ratings.Add(r);
        return ratings;
    }

    // "username:slug,slug" per set, in the order the store streamed them.
    protected static async Task<List<string>> ExclusionSetsSinceAsync(IRatingStore store, long since)
    {
        var sets = new List<string>();
        await foreach (var set in store.ReadExclusionSetsChangedSinceAsync(since))
            sets.Add($"{set.Username}:{string.Join(',', set.FilmSlugs)}");
        return sets;
    }
}
