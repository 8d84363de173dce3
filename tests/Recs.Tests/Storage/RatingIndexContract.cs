using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>
/// A first import into an empty ratings table builds its keys and secondary index after its rows (PostgreSQL: turns its
/// triggers off until then); whatever becomes of that import, every index and trigger is there afterwards, and the rows
/// it stores are those any other import would store.
/// </summary>
public abstract class RatingIndexContract : StoreTestBase
{
    private static readonly Film[] Films = [new("alien", "Alien", 1979, [], "movie", null, null), new("heat-1995", "Heat", 1995, [], "movie", null, null)];

    /// <summary>What <see cref="SecondaryRatingIndexesAsync"/> lists in a store as its migration leaves it.</summary>
    protected abstract string[] RatingIndexes { get; }

    /// <summary>The names of the secondary indexes on ratings (not its primary key) and of its enabled triggers, ascending.</summary>
    protected abstract Task<List<string>> SecondaryRatingIndexesAsync(TemporaryStore store);

    private async Task<IRatingStore> WithFilmsAsync()
    {
        var store = await StoreAsync();
        await store.UpsertFilmsAsync(Films);
        return store;
    }

    [SkippableFact]
    public async Task A_first_import_builds_every_ratings_index_and_the_next_keeps_them()
    {
        var store = await WithFilmsAsync();
        await store.UpsertRatingsAsync([new("ann", "alien", 4f, null), new("ben", "heat-1995", 3f, null)]);
        Assert.Equal(RatingIndexes, await SecondaryRatingIndexesAsync(await TemporaryAsync()));
        long afterFirst = await store.GetChangeSequenceAsync();
        await store.UpsertRatingsAsync([new("cy", "alien", 2f, null)]);
        Assert.Equal(RatingIndexes, await SecondaryRatingIndexesAsync(await TemporaryAsync()));
        Assert.Equal(3, await store.CountRatingsChangedSinceAsync(0));
        Assert.Equal(1, await store.CountRatingsChangedSinceAsync(afterFirst));
    }

    [SkippableFact]
    public async Task A_failed_first_import_leaves_every_ratings_index_in_place()
    {
        var store = await WithFilmsAsync();
        await Assert.ThrowsAsync<UnknownFilmException>(() => store.UpsertRatingsAsync([new("ann", "alien", 4f, null), new("ann", "no-such-film", 3f, null)]));
        Assert.Equal(RatingIndexes, await SecondaryRatingIndexesAsync(await TemporaryAsync()));
        Assert.Equal(new StoreCounts(0, 2, 0), await store.CountAsync());
        await AssertOneRowPerPairAsync(store);
    }

    [SkippableFact]
    public async Task A_cancelled_first_import_leaves_the_store_as_it_was()
    {
        var store = await WithFilmsAsync();
        long before = await store.GetChangeSequenceAsync();
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpsertRatingsAsync(CancelledAfter(cancel, 100, 5_000), cancel.Token));
        Assert.Equal(new StoreCounts(0, 2, 0), await store.CountAsync());
        Assert.Equal(before, await store.GetChangeSequenceAsync());
        Assert.Equal(RatingIndexes, await SecondaryRatingIndexesAsync(await TemporaryAsync()));
        await AssertOneRowPerPairAsync(store);
    }

    [SkippableFact]
    public async Task A_first_import_stores_what_an_import_into_a_populated_store_stores()
    {
        // ann's second rating of alien comes after her run has ended: the first load must let the last one win too.
        RatingRecord[] ratings =
        [
            new("ann", "alien", 4f, null), new("ann", "heat-1995", 3f, new DateOnly(2024, 5, 1)), new("ben", "alien", 2f, null),
            new("ann", "alien", 5f, null), new("ben", "heat-1995", 1.5f, null),
        ];
        var first = await WithFilmsAsync();
        Assert.Equal(5, await first.UpsertRatingsAsync(ratings));

        await using var other = await CreateTemporaryStoreAsync();
        await other.Store.MigrateAsync();
        await other.Store.UpsertFilmsAsync(Films);
        await other.Store.UpsertRatingsAsync([new("zed", "alien", 1f, null)]);
        Assert.Equal(5, await other.Store.UpsertRatingsAsync(ratings));

        var stored = await ReadAllAsync(first);
        RatingRecord[] lastWins =
        [
            new("ann", "alien", 5f, null), new("ann", "heat-1995", 3f, new DateOnly(2024, 5, 1)), new("ben", "alien", 2f, null),
            new("ben", "heat-1995", 1.5f, null),
        ];
        Assert.Equal(lastWins, stored);
        Assert.Equal(stored, (await ReadAllAsync(other.Store)).Where(r => r.Username != "zed"));
        Assert.Equal(RatingIndexes, await SecondaryRatingIndexesAsync(await TemporaryAsync()));
        await AssertOneRowPerPairAsync(first);
    }

    // Rates one pair twice in two writes: without the primary key the second would add a row (or, in PostgreSQL, fail
    // for want of a key matching ON CONFLICT).
    private static async Task AssertOneRowPerPairAsync(IRatingStore store)
    {
        long ratings = (await store.CountAsync()).Ratings;
        await store.UpsertRatingsAsync([new("keycheck", "alien", 3f, null)]);
        await store.UpsertRatingsAsync([new("keycheck", "alien", 3.5f, null)]);
        Assert.Equal(ratings + 1, (await store.CountAsync()).Ratings);
        Assert.Contains(new RatingRecord("keycheck", "alien", 3.5f, null), await ReadAllAsync(store));
    }

    // Distinct users with one rating each; the token is cancelled once `after` rows have been handed over.
    private static IEnumerable<RatingRecord> CancelledAfter(CancellationTokenSource cancel, int after, int rows)
    {
        for (int i = 0; i < rows; i++)
        {
            if (i == after)
                cancel.Cancel();
            yield return new RatingRecord($"user{i}", i % 2 == 0 ? "alien" : "heat-1995", 4f, null);
        }
    }

    [SkippableFact]
    public async Task An_empty_first_import_leaves_every_ratings_index_in_place()
    {
        var store = await WithFilmsAsync();
        Assert.Equal(0, await store.UpsertRatingsAsync([]));
        Assert.Equal(RatingIndexes, await SecondaryRatingIndexesAsync(await TemporaryAsync()));
    }
}
