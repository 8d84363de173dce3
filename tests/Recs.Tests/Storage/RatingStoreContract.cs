using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>The behaviour every <see cref="IRatingStore"/> must show; run once per store by the derived classes.</summary>
public abstract class RatingStoreContract : StoreTestBase
{
    private static readonly Film Heat = new("heat-1995", "Heat", 1995, ["Crime", "Drama"], "movie", 31.5f, "https://letterboxd.com/film/heat-1995/");
    private static readonly Film Alien = new("alien", "Alien", 1979, ["Horror", "Science Fiction"], "movie", null, null);
    private static readonly Film Show = new("twin-peaks", "Twin Peaks, \"Pilot\"", null, [], "tv", 2.25f, null);

    private static async Task<IRatingStore> SeededAsync(IRatingStore store)
    {
        await store.UpsertFilmsAsync([Heat, Alien, Show]);
        return store;
    }

    /// <summary>The schema version this build of the store migrates to.</summary>
    protected abstract string SchemaVersion { get; }

    [SkippableFact]
    public async Task Migrating_twice_is_harmless_and_records_the_schema_version()
    {
        var store = await StoreAsync();
        await store.MigrateAsync();
        Assert.Equal(SchemaVersion, await store.GetMetaAsync("schema_version"));
        Assert.Equal(new StoreCounts(0, 0, 0), await store.CountAsync());
    }

    [SkippableFact]
    public async Task Ping_returns_a_round_trip_time()
    {
        var store = await StoreAsync();
        var elapsed = await store.PingAsync();
        Assert.True(elapsed >= TimeSpan.Zero);
        Assert.Contains(store.Kind, new[] { "postgres", "sqlite" });
    }

    [SkippableFact]
    public async Task Films_read_back_equal_to_what_was_written()
    {
        var store = await SeededAsync(await StoreAsync());
        var films = await store.LoadFilmsAsync();
        Assert.Equal(
            new[] { Alien, Heat, Show }.Select(Describe).Order(StringComparer.Ordinal),
            films.Select(Describe).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Film_upsert_updates_changed_fields_by_slug()
    {
        var store = await SeededAsync(await StoreAsync());
        var renamed = Heat with { Title = "Heat (director's cut)", Genres = ["Crime"], Popularity = null };
        Assert.Equal(1, await store.UpsertFilmsAsync([renamed]));
        var films = await store.LoadFilmsAsync();
        Assert.Equal(3, films.Count);
        Assert.Equal(Describe(renamed), Describe(films.Single(f => f.Slug == Heat.Slug)));
    }

    [SkippableFact]
    public async Task Ratings_read_back_ordered_by_username_then_slug_with_usernames_lower_cased()
    {
        var store = await SeededAsync(await StoreAsync());
        var date = new DateOnly(2024, 2, 29);
        Assert.Equal(4, await store.UpsertRatingsAsync([
            new RatingRecord("bob", "heat-1995", 4.5f, date),
            new RatingRecord("Alice", "twin-peaks", 0.5f, null),
            new RatingRecord("alice", "alien", 5f, date),
            new RatingRecord("bob", "alien", 3f, null),
        ]));
        var all = await ReadAllAsync(store);
        Assert.Equal(
            [
                new RatingRecord("alice", "alien", 5f, date),
                new RatingRecord("alice", "twin-peaks", 0.5f, null),
                new RatingRecord("bob", "alien", 3f, null),
                new RatingRecord("bob", "heat-1995", 4.5f, date),
            ],
            all);
        Assert.Equal(new StoreCounts(2, 3, 4), await store.CountAsync());
    }

    [SkippableFact]
    public async Task New_users_who_return_after_other_users_keep_one_id_across_a_large_write()
    {
        // 70,000 rows: 35,000 new users rate alien, then each rates heat as well, so a user's second row can come more
        // than a bulk write's chunk later (65,536 rows in PostgreSQL) than the row that created the user.
        const int users = 35_000;
        var store = await SeededAsync(await StoreAsync());
        var ratings = new List<RatingRecord>(2 * users);
        for (int i = 0; i < 2 * users; i++)
            ratings.Add(new RatingRecord($"u{i % users}", i < users ? "alien" : "heat-1995", (i % 10 + 1) / 2f, null));

        Assert.Equal(2 * users, await store.UpsertRatingsAsync(ratings));

        Assert.Equal(new StoreCounts(users, 3, 2 * users), await store.CountAsync());
        static List<RatingRecord> Sorted(IEnumerable<RatingRecord> rows) =>
            [.. rows.OrderBy(r => r.Username, StringComparer.Ordinal).ThenBy(r => r.FilmSlug, StringComparer.Ordinal)];
        Assert.Equal(Sorted(ratings), Sorted(await ReadAllAsync(store)));
    }

    [SkippableFact]
    public async Task Writing_the_same_rows_again_changes_nothing()
    {
        var store = await SeededAsync(await StoreAsync());
        RatingRecord[] ratings = [new("carol", "alien", 4f, null), new("dave", "alien", 2.5f, new DateOnly(2020, 1, 1))];
        await store.UpsertRatingsAsync(ratings);
        var before = await store.CountAsync();
        var rowsBefore = await ReadAllAsync(store);

        await SeededAsync(store);
        await store.UpsertRatingsAsync(ratings);

        Assert.Equal(before, await store.CountAsync());
        Assert.Equal(rowsBefore, await ReadAllAsync(store));
    }

    [SkippableFact]
    public async Task A_new_rating_for_the_same_user_and_film_replaces_the_old_one()
    {
        var store = await SeededAsync(await StoreAsync());
        await store.UpsertRatingsAsync([new RatingRecord("erin", "heat-1995", 2f, null)]);
        await store.UpsertRatingsAsync([new RatingRecord("erin", "heat-1995", 4.5f, new DateOnly(2025, 5, 1))]);
        Assert.Equal([new RatingRecord("erin", "heat-1995", 4.5f, new DateOnly(2025, 5, 1))], await ReadAllAsync(store));
    }

    [SkippableFact]
    public async Task Within_one_call_the_last_rating_for_a_user_and_film_wins()
    {
        var store = await SeededAsync(await StoreAsync());
        await store.UpsertRatingsAsync([new RatingRecord("erin", "alien", 1f, null), new RatingRecord("ERIN", "alien", 3.5f, null)]);
        Assert.Equal([new RatingRecord("erin", "alien", 3.5f, null)], await ReadAllAsync(store));
    }

    [SkippableFact]
    public async Task A_bulk_write_past_one_chunk_keeps_the_last_rating_of_a_pair_and_stamps_every_row()
    {
        // Grouped by user and distinct for 75,000 rows (more than one chunk of the bulk writers), then a user whose
        // run had ended and a pair given twice: the write must switch to its last-one-wins path part-way.
        var store = await SeededAsync(await StoreAsync());
        long before = await store.GetChangeSequenceAsync();
        string[] slugs = ["heat-1995", "alien", "twin-peaks"];
        var ratings = new List<RatingRecord>();
        for (int user = 0; user < 25_000; user++)
            foreach (string slug in slugs)
                ratings.Add(new RatingRecord($"u{user}", slug, 3f, null));
        ratings.Add(new RatingRecord("u5", "alien", 1f, null));
        ratings.Add(new RatingRecord("u7", "heat-1995", 5f, null));
        ratings.Add(new RatingRecord("u7", "heat-1995", 0.5f, new DateOnly(2024, 2, 29)));

        Assert.Equal(75_003, await store.UpsertRatingsAsync(ratings));

        Assert.Equal(new StoreCounts(25_000, 3, 75_000), await store.CountAsync());
        Assert.Equal(75_000, await store.CountRatingsChangedSinceAsync(before));
        var stored = await ReadAllAsync(store);
        Assert.Contains(new RatingRecord("u5", "alien", 1f, null), stored);
        Assert.Contains(new RatingRecord("u7", "heat-1995", 0.5f, new DateOnly(2024, 2, 29)), stored);
        Assert.Equal(74_998, stored.Count(r => r.Stars == 3f));
    }

    [SkippableFact]
    public async Task An_unknown_film_slug_throws_and_writes_nothing()
    {
        var store = await SeededAsync(await StoreAsync());
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpsertRatingsAsync([
            new RatingRecord("frank", "alien", 4f, null),
            new RatingRecord("frank", "no-such-film", 4f, null),
        ]));
        Assert.Contains("no-such-film", error.Message, StringComparison.Ordinal);
        Assert.Equal(new StoreCounts(0, 3, 0), await store.CountAsync());
    }

    [SkippableTheory]
    [InlineData(0f)]
    [InlineData(5.5f)]
    [InlineData(3.3f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public async Task Invalid_stars_are_rejected_and_nothing_is_written(float stars)
    {
        var store = await SeededAsync(await StoreAsync());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpsertRatingsAsync([
            new RatingRecord("gina", "alien", 4f, null),
            new RatingRecord("gina", "heat-1995", stars, null),
        ]));
        Assert.Equal(new StoreCounts(0, 3, 0), await store.CountAsync());
    }

    [SkippableFact]
    public async Task An_invalid_username_is_rejected()
    {
        var store = await SeededAsync(await StoreAsync());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UpsertRatingsAsync([new RatingRecord("no spaces", "alien", 4f, null)]));
        Assert.Equal(new StoreCounts(0, 3, 0), await store.CountAsync());
    }

    [SkippableFact]
    public async Task Empty_writes_return_zero()
    {
        var store = await StoreAsync();
        Assert.Equal(0, await store.UpsertFilmsAsync([]));
        Assert.Equal(0, await store.UpsertRatingsAsync([]));
    }

    [SkippableFact]
    public async Task Meta_values_round_trip_and_can_be_overwritten()
    {
        var store = await StoreAsync();
        Assert.Null(await store.GetMetaAsync("demo"));
        await store.SetMetaAsync("demo", "on");
        await store.SetMetaAsync("demo", "off, with \"quotes\" and ünïcode");
        Assert.Equal("off, with \"quotes\" and ünïcode", await store.GetMetaAsync("demo"));
    }

    [SkippableFact]
    public async Task Meta_values_hold_long_multi_line_lists()
    {
        // Uploaded watched/watchlist exclusions are kept as one slug per line under a per-user key.
        var store = await StoreAsync();
        string slugs = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"some-film-slug-{i}"));
        await store.SetMetaAsync("excluded:someone", slugs);
        Assert.Equal(slugs, await store.GetMetaAsync("excluded:someone"));
    }
}
