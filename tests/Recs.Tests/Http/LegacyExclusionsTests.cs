using Recs.Engine.Demo;
using Recs.Engine.Storage;
using Recs.Tests.Storage;
using Recs.Tests.Support;

namespace Recs.Tests.Http;

/// <summary>Exclusions stored by earlier versions (as meta values) survive the upgrade: moved into their table at start and honoured.</summary>
public sealed class LegacyExclusionsTests
{
    [Fact]
    public async Task Exclusions_kept_in_meta_by_earlier_versions_are_moved_and_still_excluded()
    {
        await using var temporary = new TemporarySqliteStore();
        var store = temporary.Store;
        await store.MigrateAsync();
        await store.UpsertFilmsAsync(DemoCatalogue.Films());
        await store.UpsertRatingsAsync(DemoCatalogue.Ratings());
        string[] settings = ["--Recs:SnapshotPath=", "--Recs:RefreshMinutes=0"];

        List<string> before;
        await using (var first = await RunningService.StartAsync(store, settings))
        {
            await first.WaitForModelAsync();
            using var list = await first.GetJsonAsync("/api/recomendacoes/demo_005?limit=10");
            before = [.. list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()!)];
        }
        Assert.Equal(10, before.Count);
        await store.SetMetaAsync("excluded_users", "demo_005\nlegacy_only\n");
        await store.SetMetaAsync("excluded:demo_005", string.Join('\n', before));
        await store.SetMetaAsync("excluded:legacy_only", before[0]);

        await using var upgraded = await RunningService.StartAsync(store, settings);
        await upgraded.WaitForModelAsync();
        using var after = await upgraded.GetJsonAsync("/api/recomendacoes/demo_005?limit=100");
        var slugs = after.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("film_id").GetString()!).ToList();
        Assert.NotEmpty(slugs);
        Assert.DoesNotContain(slugs, before.Contains);

        var moved = new List<ExclusionRecord>();
        await foreach (var e in store.ReadAllExclusionsAsync())
            moved.Add(e);
        Assert.Equal(before.Order(StringComparer.Ordinal), moved.Where(e => e.Username == "demo_005").Select(e => e.FilmSlug));
        Assert.Equal([before[0]], moved.Where(e => e.Username == "legacy_only").Select(e => e.FilmSlug));
        Assert.Equal("", await store.GetMetaAsync("excluded_users"));
    }
}
