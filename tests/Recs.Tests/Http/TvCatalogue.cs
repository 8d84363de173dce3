using Recs.Engine.Catalog;
using Recs.Engine.Demo;
using Recs.Tests.Storage;

namespace Recs.Tests.Http;

/// <summary>
/// The demo catalogue plus a few well-liked TV series (one with a comma and quotes in its title and a Letterboxd URI),
/// seeded before the service starts so the content-type filter and CSV quoting have something to work on.
/// </summary>
internal static class TvCatalogue
{
    public const string SlugPrefix = "demo-tv-";
    public const int SeriesCount = 6;
    public const string QuotedTitle = "Friends, \"The Reunion\"";
    public const string QuotedUri = "https://letterboxd.com/film/friends-the-reunion/";

    public static IReadOnlyList<Film> Series() =>
    [
        .. Enumerable.Range(0, SeriesCount).Select(i => new Film(
            $"{SlugPrefix}{i}", i == 0 ? QuotedTitle : $"Series {i}", 2000 + i, ["Drama"], "tv", null, i == 0 ? QuotedUri : null)),
    ];

    /// <summary>Every third demo user rates every series highly, so the series are popular and reach personalised lists.</summary>
    public static IEnumerable<RatingRecord> Ratings() =>
        Enumerable.Range(0, DemoCatalogue.UserCount).Where(u => u % 3 == 0).SelectMany(u => Enumerable.Range(0, SeriesCount)
            .Select(i => new RatingRecord($"{DemoCatalogue.UserPrefix}{u:D3}", $"{SlugPrefix}{i}", 4.5f, null)));

    /// <summary>Seeds the store of <paramref name="temporary"/> (demo films, ratings and the series) and returns it.</summary>
    public static async Task<TemporaryStore> SeedAsync(TemporaryStore temporary)
    {
        var store = temporary.Store;
        await store.MigrateAsync();
        await store.UpsertFilmsAsync([.. DemoCatalogue.Films(), .. Series()]);
        await store.UpsertRatingsAsync([.. DemoCatalogue.Ratings(), .. Ratings()]);
        await store.SetMetaAsync("demo", "true");
        return temporary;
    }
}
