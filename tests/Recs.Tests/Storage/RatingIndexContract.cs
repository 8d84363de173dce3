using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>
/// A first import into an empty ratings table builds the secondary indexes after its rows; whatever becomes of that
/// import, every index is there afterwards.
/// </summary>
public abstract class RatingIndexContract : StoreTestBase
{
    private static readonly string[] RatingIndexes = ["ratings_film_id", "ratings_seq"];
    private static readonly Film[] Films = [new("alien", "Alien", 1979, [], "movie", null, null), new("heat-1995", "Heat", 1995, [], "movie", null, null)];

    /// <summary>The names of the secondary indexes on ratings (not its primary key), ascending.</summary>
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
    }

    [SkippableFact]
    public async Task An_empty_first_import_leaves_every_ratings_index_in_place()
    {
        var store = await WithFilmsAsync();
        Assert.Equal(0, await store.UpsertRatingsAsync([]));
        Assert.Equal(RatingIndexes, await SecondaryRatingIndexesAsync(await TemporaryAsync()));
    }
}
