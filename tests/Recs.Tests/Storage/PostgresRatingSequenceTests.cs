using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>
/// PostgreSQL finds changed ratings through their people (users.ratings_seq), which statement triggers keep: a write
/// that does not know of the column, as a binary of an earlier version would make, is still reported, and a version 3
/// database (with an index of ratings by sequence instead) is upgraded with every person's sequence filled.
/// </summary>
public sealed class PostgresRatingSequenceTests : StoreTestBase
{
    private static readonly Film[] Films = [new("alien", "Alien", 1979, [], "movie", null, null), new("heat-1995", "Heat", 1995, [], "movie", null, null)];

    protected override async Task<TemporaryStore> CreateTemporaryStoreAsync() => await TemporaryPostgresStore.CreateAsync();

    private async Task<TemporaryPostgresStore> DatabaseAsync() => (TemporaryPostgresStore)await TemporaryAsync();

    private async Task ExecuteAsync(string sql) => await (await DatabaseAsync()).ExecuteAsync(sql);

    // Both films, ann and ben rating Alien; the store's change sequence after that write.
    private async Task<(IRatingStore Store, long Sequence)> StoreWithAnnAndBenAsync()
    {
        var store = await StoreAsync();
        await store.UpsertFilmsAsync(Films);
        await store.UpsertRatingsAsync([new("ann", "alien", 3f, null), new("ben", "alien", 4f, null)]);
        return (store, await store.GetChangeSequenceAsync());
    }

    [SkippableFact]
    public async Task Ratings_written_by_plain_sql_that_ignores_the_people_are_still_reported()
    {
        var (store, before) = await StoreWithAnnAndBenAsync();

        // What a version 3 writer does: stamp the rows, never users.ratings_seq.
        await ExecuteAsync($"""
            UPDATE data_version SET seq = {before + 1} WHERE id = 1;
            INSERT INTO ratings (user_id, film_id, stars, rated_on, seq)
                SELECT u.id, f.id, 5, NULL, {before + 1} FROM users u, films f WHERE u.username = 'ann' AND f.slug = 'heat-1995';
            UPDATE data_version SET seq = {before + 2} WHERE id = 1;
            UPDATE ratings SET stars = 1, seq = {before + 2} WHERE user_id = (SELECT id FROM users WHERE username = 'ben');
            """);

        Assert.Equal([new RatingRecord("ann", "heat-1995", 5f, null), new RatingRecord("ben", "alien", 1f, null)], await RatingsSinceAsync(store, before));
        Assert.Equal([new RatingRecord("ben", "alien", 1f, null)], await RatingsSinceAsync(store, before + 1));
        Assert.Equal(1, await store.CountRatingsChangedSinceAsync(before + 1));
    }

    [SkippableFact]
    public async Task Upgrading_a_version_3_database_fills_every_persons_rating_sequence_and_drops_the_ratings_index()
    {
        var (store, first) = await StoreWithAnnAndBenAsync();
        await store.UpsertRatingsAsync([new("ben", "heat-1995", 2f, null), new("cy", "heat-1995", 1f, null)]);
        long second = await store.GetChangeSequenceAsync();

        // Back to the version 3 layout: no column, no triggers, the index of ratings by sequence.
        await ExecuteAsync("""
            DROP TRIGGER ratings_inserted ON ratings;
            DROP TRIGGER ratings_updated ON ratings;
            DROP FUNCTION stamp_rating_writers();
            ALTER TABLE users DROP COLUMN ratings_seq;
            CREATE INDEX ratings_seq ON ratings(seq);
            UPDATE meta SET value = '3' WHERE key = 'schema_version';
            """);
        await store.MigrateAsync();

        Assert.Equal("4", await store.GetMetaAsync("schema_version"));
        Assert.Equal([new RatingRecord("ben", "heat-1995", 2f, null), new RatingRecord("cy", "heat-1995", 1f, null)], await RatingsSinceAsync(store, first));
        Assert.Equal(4, await store.CountRatingsChangedSinceAsync(0));
        Assert.Empty(await RatingsSinceAsync(store, second));
        await store.UpsertRatingsAsync([new("ann", "heat-1995", 4.5f, null)]);
        Assert.Equal([new RatingRecord("ann", "heat-1995", 4.5f, null)], await RatingsSinceAsync(store, second));
        Assert.Empty(await (await DatabaseAsync()).QueryAsync("SELECT indexname FROM pg_indexes WHERE indexname = 'ratings_seq'"));
    }
}
