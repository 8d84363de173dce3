using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Tests.Storage;

/// <summary>
/// Migrating a populated version 2 database to the current version: every row kept, the change sequence where it was, nothing
/// reported as changed, and the writes that follow reported as usual.
/// </summary>
public abstract class SchemaUpgradeContract : StoreTestBase
{
    private const long Version2Sequence = 9;

    private static readonly Film Heat = new("heat-1995", "Heat", 1995, ["Crime", "Drama"], "movie", 31.5f, "https://letterboxd.com/film/heat-1995/");
    private static readonly Film Alien = new("alien", "Alien", 1979, ["Horror"], "movie", null, null);
    private static readonly Film Show = new("twin-peaks", "Twin Peaks", null, [], "tv", 2.25f, null);

    private static readonly RatingRecord[] Ratings =
    [
        new("ann", "alien", 3f, null),
        new("ann", "heat-1995", 4.5f, new DateOnly(2024, 2, 29)),
        new("ben", "alien", 5f, null),
        new("cy", "twin-peaks", 1f, null),
    ];

    // Plain SQL that both databases read alike (multi-row VALUES take the target columns' types on PostgreSQL).
    private const string Version2Rows = """
        INSERT INTO users (username) VALUES ('ann'), ('ben'), ('cy');
        INSERT INTO films (slug, title, year, genres, content_type, popularity, letterboxd_uri) VALUES
            ('heat-1995', 'Heat', 1995, 'Crime|Drama', 'movie', 31.5, 'https://letterboxd.com/film/heat-1995/'),
            ('alien', 'Alien', 1979, 'Horror', 'movie', NULL, NULL),
            ('twin-peaks', 'Twin Peaks', NULL, '', 'tv', 2.25, NULL);
        INSERT INTO ratings (user_id, film_id, stars, rated_on) VALUES
            ((SELECT id FROM users WHERE username = 'ann'), (SELECT id FROM films WHERE slug = 'alien'), 3, NULL),
            ((SELECT id FROM users WHERE username = 'ann'), (SELECT id FROM films WHERE slug = 'heat-1995'), 4.5, '2024-02-29'),
            ((SELECT id FROM users WHERE username = 'ben'), (SELECT id FROM films WHERE slug = 'alien'), 5, NULL),
            ((SELECT id FROM users WHERE username = 'cy'), (SELECT id FROM films WHERE slug = 'twin-peaks'), 1, NULL);
        INSERT INTO exclusions (user_id, film_id) VALUES
            ((SELECT id FROM users WHERE username = 'ben'), (SELECT id FROM films WHERE slug = 'heat-1995')),
            ((SELECT id FROM users WHERE username = 'ben'), (SELECT id FROM films WHERE slug = 'twin-peaks'));
        UPDATE data_version SET seq = 9 WHERE id = 1;
        INSERT INTO meta (key, value) VALUES ('schema_version', '2');
        """;

    /// <summary>The schema version this build of the store migrates to.</summary>
    protected abstract string SchemaVersion { get; }

    /// <summary>The version 2 schema of this store, as that version created it.</summary>
    protected abstract string Version2Ddl { get; }

    /// <summary>Runs <paramref name="sql"/> (several statements) directly on <paramref name="store"/>'s database.</summary>
    protected abstract Task ExecuteAsync(TemporaryStore store, string sql);

    private async Task<IRatingStore> UpgradedAsync()
    {
        var temporary = await UnmigratedAsync();
        await ExecuteAsync(temporary, Version2Ddl + Version2Rows);
        await temporary.Store.MigrateAsync();
        return temporary.Store;
    }

    [SkippableFact]
    public async Task Upgrading_a_populated_version_2_database_keeps_every_row_and_reports_nothing_changed()
    {
        var store = await UpgradedAsync();

        Assert.Equal(SchemaVersion, await store.GetMetaAsync("schema_version"));
        Assert.Equal(Version2Sequence, await store.GetChangeSequenceAsync());
        Assert.Equal(new StoreCounts(3, 3, 4), await store.CountAsync());
        Assert.Equal(
            new[] { Alien, Heat, Show }.Select(Describe),
            (await store.LoadFilmsAsync()).Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(Ratings, await ReadAllAsync(store));
        var exclusions = new List<ExclusionRecord>();
        await foreach (var e in store.ReadAllExclusionsAsync())
            exclusions.Add(e);
        Assert.Equal([new ExclusionRecord("ben", "heat-1995"), new ExclusionRecord("ben", "twin-peaks")], exclusions);

        await AssertNothingChangedSinceAsync(store, Version2Sequence, "after the upgrade");
        // Rows from before the upgrade count as sequence 0: part of every full read, of no delta.
        await AssertNothingChangedSinceAsync(store, 0, "after the upgrade, since 0");
    }

    [SkippableFact]
    public async Task After_the_upgrade_changes_to_old_rows_are_reported_and_identical_rewrites_are_not()
    {
        var store = await UpgradedAsync();
        var renamed = Alien with { Title = "Alien (1979)" };
        await store.UpsertFilmsAsync([Heat, renamed]);
        await store.UpsertRatingsAsync([Ratings[1], new("ben", "alien", 2f, null), new("dot", "heat-1995", 4f, null)]);
        await store.WritePersonAsync(ByApiKey("ben", [], []));
        await store.WritePersonAsync(ByApiKey("cy", [], ["alien"]));
        await store.WritePersonAsync(ByApiKey("ann", [], []));

        Assert.Equal([Describe(renamed)], (await store.LoadFilmsChangedSinceAsync(Version2Sequence)).Select(Describe));
        Assert.Equal(
            [new RatingRecord("ben", "alien", 2f, null), new RatingRecord("dot", "heat-1995", 4f, null)],
            await RatingsSinceAsync(store, Version2Sequence));
        Assert.Equal(["ben:", "cy:alien"], await ExclusionSetsSinceAsync(store, Version2Sequence));

        await store.MigrateAsync();
        Assert.Equal(SchemaVersion, await store.GetMetaAsync("schema_version"));
        Assert.Equal(2, await store.CountRatingsChangedSinceAsync(Version2Sequence));
        Assert.Equal(new StoreCounts(4, 3, 5), await store.CountAsync());
    }
}
