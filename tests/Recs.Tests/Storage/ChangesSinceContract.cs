using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>
/// "What changed after sequence s" as every store must answer it: exactly the films, ratings and exclusion sets that a
/// write with a higher sequence inserted or changed, nothing for an identical rewrite, nothing after the current sequence.
/// </summary>
public abstract class ChangesSinceContract : StoreTestBase
{
    private static readonly Film Heat = new("heat-1995", "Heat", 1995, ["Crime", "Drama"], "movie", 31.5f, "https://letterboxd.com/film/heat-1995/");
    private static readonly Film Alien = new("alien", "Alien", 1979, ["Horror", "Science Fiction"], "movie", null, null);
    private static readonly Film Show = new("twin-peaks", "Twin Peaks", null, [], "tv", 2.25f, null);
    private static readonly Film Dune = new("dune-2021", "Dune", 2021, ["Science Fiction"], "movie", 12f, null);

    private static readonly RatingRecord[] Imported =
    [
        new("bob", "heat-1995", 4f, null),
        new("bob", "alien", 3f, null),
        new("carol", "alien", 5f, new DateOnly(2024, 2, 29)),
    ];

    // Sequence s1: three films, an import, and two people with exclusions.
    private async Task<(IRatingStore Store, long S1)> AtFirstSequenceAsync()
    {
        var store = await StoreAsync();
        await store.UpsertFilmsAsync([Heat, Alien, Show]);
        await store.UpsertRatingsAsync(Imported);
        await store.WritePersonAsync(ByApiKey("cat", [new("cat", "heat-1995", 2f, null)], ["heat-1995", "alien"]));
        await store.WritePersonAsync(ByApiKey("eve", [], ["twin-peaks"]));
        return (store, await store.GetChangeSequenceAsync());
    }

    [SkippableFact]
    public async Task Changes_since_a_sequence_are_exactly_what_later_writes_inserted_or_changed()
    {
        var (store, s1) = await AtFirstSequenceAsync();

        // s2: one film renamed, one added, one rewritten as it was; one old pair re-rated, one rating new, one unchanged.
        var renamed = Alien with { Title = "Alien (director's cut)" };
        await store.UpsertFilmsAsync([Heat, renamed, Dune]);
        await store.UpsertRatingsAsync([new("bob", "heat-1995", 2.5f, null), new("dave", "dune-2021", 4f, null), Imported[2]]);
        // eve uploads ratings only: her exclusions are left as they were and must not be reported.
        await store.WritePersonAsync(ByApiKey("eve", [new("eve", "alien", 1f, null)], null));
        long s2 = await store.GetChangeSequenceAsync();

        // s3: cat's exclusions are emptied, dan arrives with a rating and an exclusion.
        await store.WritePersonAsync(ByApiKey("cat", [], []));
        await store.WritePersonAsync(ByApiKey("dan", [new("dan", "alien", 3.5f, null)], ["twin-peaks"]));
        long s3 = await store.GetChangeSequenceAsync();
        Assert.True(s1 < s2 && s2 < s3, $"the sequence must grow with each batch of writes ({s1}, {s2}, {s3})");

        Assert.Equal(
            new[] { renamed, Dune }.Select(Describe),
            (await store.LoadFilmsChangedSinceAsync(s1)).Select(Describe));
        Assert.Equal(
            [
                new RatingRecord("bob", "heat-1995", 2.5f, null),
                new RatingRecord("dan", "alien", 3.5f, null),
                new RatingRecord("dave", "dune-2021", 4f, null),
                new RatingRecord("eve", "alien", 1f, null),
            ],
            await RatingsSinceAsync(store, s1));
        Assert.Equal(4, await store.CountRatingsChangedSinceAsync(s1));
        Assert.Equal(["cat:", "dan:twin-peaks"], await ExclusionSetsSinceAsync(store, s1));

        Assert.Empty(await store.LoadFilmsChangedSinceAsync(s2));
        Assert.Equal([new RatingRecord("dan", "alien", 3.5f, null)], await RatingsSinceAsync(store, s2));
        Assert.Equal(1, await store.CountRatingsChangedSinceAsync(s2));
        Assert.Equal(["cat:", "dan:twin-peaks"], await ExclusionSetsSinceAsync(store, s2));
    }

    [SkippableFact]
    public async Task Since_the_beginning_every_row_is_a_change()
    {
        var (store, _) = await AtFirstSequenceAsync();
        Assert.Equal(
            new[] { Alien, Heat, Show }.Select(Describe),
            (await store.LoadFilmsChangedSinceAsync(0)).Select(Describe));
        Assert.Equal(await ReadAllAsync(store), await RatingsSinceAsync(store, 0));
        Assert.Equal(4, await store.CountRatingsChangedSinceAsync(0));
        Assert.Equal(["cat:alien,heat-1995", "eve:twin-peaks"], await ExclusionSetsSinceAsync(store, 0));
    }

    [SkippableFact]
    public async Task Nothing_has_changed_since_the_current_sequence()
    {
        var (store, s1) = await AtFirstSequenceAsync();
        await AssertNothingChangedSinceAsync(store, s1, "right after the writes");
    }

    [SkippableFact]
    public async Task Rewriting_identical_rows_reports_nothing_new()
    {
        var (store, s1) = await AtFirstSequenceAsync();
        await store.UpsertFilmsAsync([Heat, Alien, Show]);
        await store.UpsertRatingsAsync(Imported);
        // The same set in another order is the same set.
        await store.WritePersonAsync(ByApiKey("cat", [new("cat", "heat-1995", 2f, null)], ["alien", "heat-1995", "no-such-film"]));
        await store.WritePersonAsync(ByApiKey("eve", [], ["twin-peaks"]));
        await AssertNothingChangedSinceAsync(store, s1, "after rewriting identical rows");
    }

    [SkippableFact]
    public async Task Every_row_of_one_write_carries_that_write_s_sequence()
    {
        var (store, s1) = await AtFirstSequenceAsync();
        RatingRecord[] batch = [.. Enumerable.Range(0, 300).Select(i => new RatingRecord($"user{i:D3}", i % 2 == 0 ? "alien" : "twin-peaks", 0.5f + i % 10 * 0.5f, null))];
        await store.UpsertRatingsAsync(batch);
        long afterBatch = await store.GetChangeSequenceAsync();
        await store.UpsertRatingsAsync([new("zoe", "heat-1995", 4f, null)]);

        Assert.Equal(301, await store.CountRatingsChangedSinceAsync(s1));
        Assert.Equal(batch.OrderBy(r => r.Username, StringComparer.Ordinal), (await RatingsSinceAsync(store, s1)).Take(300));
        Assert.Equal([new RatingRecord("zoe", "heat-1995", 4f, null)], await RatingsSinceAsync(store, afterBatch));
    }

    [SkippableFact]
    public async Task A_person_who_existed_before_the_first_import_is_reported_with_the_ratings_it_gave_them()
    {
        // eve is created by an upload of exclusions only, so the ratings table is still empty for the import that
        // follows: its first load (bare table, PostgreSQL's triggers off) must still report eve's new rows.
        var store = await StoreAsync();
        await store.UpsertFilmsAsync([Heat, Alien, Show]);
        await store.WritePersonAsync(ByApiKey("eve", [], ["twin-peaks"]));
        long before = await store.GetChangeSequenceAsync();

        await store.UpsertRatingsAsync([new("eve", "heat-1995", 4f, null), new("fay", "alien", 2f, null)]);

        Assert.Equal([new RatingRecord("eve", "heat-1995", 4f, null), new RatingRecord("fay", "alien", 2f, null)], await RatingsSinceAsync(store, before));
        Assert.Equal(2, await store.CountRatingsChangedSinceAsync(before));
        Assert.Empty(await RatingsSinceAsync(store, await store.GetChangeSequenceAsync()));
    }
}
