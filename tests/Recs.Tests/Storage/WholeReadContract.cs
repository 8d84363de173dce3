using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Storage;
using Recs.Tests.Data;

namespace Recs.Tests.Storage;

/// <summary>
/// The whole read by id (<see cref="IRatingStore.ReadAllByIdAsync"/>) builds the very dataset that the films, ratings
/// and exclusions read as records build through <see cref="RatingsDatasetBuilder"/>: the same film, user and row order.
/// </summary>
public abstract class WholeReadContract : StoreTestBase
{
    // Slugs whose byte order (UTF-8, the stores' order) differs from UTF-16 ordinal order: é < ﬁ < 𝔞 in bytes, but the
    // surrogate of 𝔞 sorts before ﬁ in UTF-16.
    private static readonly string[] OddSlugs = ["zodiac-2007", "émile", "𝔞lpha", "ﬁlm-noir", "Alien-UPPER", "alien", "a-b", "a_b", "a0"];

    [SkippableFact]
    public async Task The_whole_read_by_id_builds_the_dataset_that_the_records_build()
    {
        var store = await StoreAsync();
        var random = new Random(20261126);
        // Films in several writes, none in slug order, so film ids follow neither slug order nor one another.
        var films = OddSlugs.Concat(Enumerable.Range(0, 40).Select(i => $"film-{(i * 17) % 40:D2}"))
            .Select((slug, i) => new Film(slug, $"Title «{slug}»", i % 5 == 0 ? null : 1950 + i, i % 3 == 0 ? [] : ["Drama", "Ação"],
                i % 4 == 0 ? "tv" : "movie", i % 2 == 0 ? null : i * 0.25f, i % 6 == 0 ? $"https://letterboxd.com/film/{i}/" : null))
            .ToArray();
        await store.UpsertFilmsAsync(films[20..]);
        await store.UpsertFilmsAsync(films[..20].Reverse());

        // Users created out of name order, each rating films in a shuffled order, over several writes.
        string[] users = ["zed", "Mixed_Case", "bob-2", "a", "ann", "123", "a-z", "a_z", "_under", "zz-top", "Z"];
        for (int round = 0; round < 3; round++)
        {
            var ratings = new List<RatingRecord>();
            foreach (string user in users.OrderBy(_ => random.Next()))
            {
                foreach (var film in films.OrderBy(_ => random.Next()).Take(random.Next(0, 12)))
                    ratings.Add(new RatingRecord(user, film.Slug, (1 + random.Next(10)) / 2f, random.Next(3) == 0 ? null : new DateOnly(2024, 1, 1 + random.Next(28))));
            }
            await store.UpsertRatingsAsync(ratings);
        }
        // Exclusions: of someone with ratings, of someone with none, and a film no one rated.
        await store.UpsertFilmsAsync([new Film("unrated", "Nobody's", 2001, ["Drama"], "movie", null, null)]);
        await store.WritePersonAsync(ByApiKey("zed", [new RatingRecord("zed", "émile", 4.5f, null)], ["alien", "unrated", "𝔞lpha"]));
        await store.WritePersonAsync(ByApiKey("watcher", [], ["zodiac-2007", "ﬁlm-noir"]));
        long sequence = await store.GetChangeSequenceAsync();

        var byRecords = await BuildFromRecordsAsync(store, sequence);
        var byId = new IdRatingsDatasetBuilder { Sequence = sequence };
        await store.ReadAllByIdAsync(byId);
        var built = byId.Build();

        Assert.True(byRecords.UserCount >= 10 && byRecords.FilmCount == films.Length + 1 && byRecords.RatingCount > 100,
            $"the data set is too small to tell anything: {byRecords.UserCount} users, {byRecords.FilmCount} films, {byRecords.RatingCount} ratings");
        Assert.DoesNotContain("watcher", byRecords.Users);
        Assert.Equal(2, byRecords.Excluded.Count);
        DatasetAssert.Identical(byRecords, built);
        Assert.Equal(0, byId.SkippedRows);
    }

    [SkippableFact]
    public async Task The_whole_read_by_id_of_an_empty_store_is_empty()
    {
        var store = await StoreAsync();
        var byId = new IdRatingsDatasetBuilder { Sequence = 4 };
        await store.ReadAllByIdAsync(byId);
        DatasetAssert.Identical(await BuildFromRecordsAsync(store, 4), byId.Build());
    }

    [SkippableFact]
    public async Task Films_and_users_without_ratings_are_read_by_id_as_by_records()
    {
        var store = await StoreAsync();
        await store.UpsertFilmsAsync([new Film("b", "B", null, [], "movie", null, null), new Film("a", "A", null, [], "movie", null, null)]);
        await store.WritePersonAsync(ByApiKey("only-excludes", [], ["b"]));
        var byId = new IdRatingsDatasetBuilder { Sequence = 9 };
        await store.ReadAllByIdAsync(byId);
        var built = byId.Build();
        DatasetAssert.Identical(await BuildFromRecordsAsync(store, 9), built);
        Assert.Equal(["a", "b"], built.Films.Select(f => f.Slug));
        Assert.Empty(built.Users);
        Assert.Equal([1], built.ExcludedFor("only-excludes")!);
    }

    // The read the service made before the whole read by id: records, through RatingsDatasetBuilder.
    private static async Task<RatingsDataset> BuildFromRecordsAsync(IRatingStore store, long sequence)
    {
        var builder = new RatingsDatasetBuilder { Sequence = sequence };
        foreach (var film in await store.LoadFilmsAsync())
            builder.AddFilm(film);
        await foreach (var rating in store.ReadAllRatingsAsync())
            builder.AddRating(rating);
        await foreach (var exclusion in store.ReadAllExclusionsAsync())
            builder.AddExclusion(exclusion.Username, exclusion.FilmSlug);
        return builder.Build();
    }
}
