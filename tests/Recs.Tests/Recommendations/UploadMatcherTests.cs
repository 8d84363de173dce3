using Recs.Aot.Recommendations;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Storage.Import;

namespace Recs.Tests.Recommendations;

/// <summary>The upload matcher builds one film matcher per catalogue and matches an upload's rows and lists with it.</summary>
public sealed class UploadMatcherTests
{
    private static Film Film(string slug, string title) => new(slug, title, 2000, ["Drama"], "movie", null, null);

    private static readonly Film[] Films = [Film("a", "Alpha"), Film("b", "Beta"), Film("c", "Gamma")];

    [Fact]
    public void Uploads_against_one_catalogue_share_one_film_matcher()
    {
        var matcher = new UploadMatcher();
        Assert.Same(matcher.For(Films), matcher.For(Films));
        // A reload that changed no film copies the array, not the films.
        Assert.Same(matcher.For(Films), matcher.For([.. Films]));
    }

    [Fact]
    public void A_changed_or_added_film_gets_a_new_film_matcher_that_knows_it()
    {
        var matcher = new UploadMatcher();
        var first = matcher.For(Films);
        Film[] renamed = [Films[0], Films[1], Film("c", "Delta")];
        var second = matcher.For(renamed);
        Assert.NotSame(first, second);
        Assert.Equal("c", second.Find("", "Delta", 2000));
        Film[] grown = [.. renamed, Film("d", "Epsilon")];
        Assert.Equal("d", matcher.For(grown).Find("", "Epsilon", 2000));
    }

    [Fact]
    public void A_film_rated_twice_keeps_its_last_row_and_unmatched_rows_are_counted_and_listed()
    {
        var builder = new RatingsDatasetBuilder();
        foreach (var film in Films)
            builder.AddFilm(film);
        var data = builder.Build();
        var rows = new List<LetterboxdExportRow>
        {
            new(2, null, "Alpha", 2000, "", 3),
            new(3, null, "Nowhere", 1999, "https://boxd.it/x", 2),
            new(4, null, "Alpha", 2000, "", 4.5f),
        };
        var upload = new LetterboxdUpload(new LetterboxdExportFile(rows, new MalformedRows()), [new("Beta", 2000, "")], [], HasLists: true);

        var matched = new UploadMatcher().Match(data, "ann", upload);

        var rating = Assert.Single(matched.Ratings);
        Assert.Equal(("ann", "a", 4.5f), (rating.Username, rating.FilmSlug, rating.Stars));
        Assert.Equal(1, matched.UnmatchedCount);
        Assert.Equal("Nowhere", Assert.Single(matched.Unmatched).Name);
        Assert.Equal(["b"], matched.Excluded!);
    }

    [Fact]
    public void Ratings_keep_the_order_of_their_films_first_rows()
    {
        var rows = new List<LetterboxdExportRow>
        {
            new(2, null, "Beta", 2000, "", 3),
            new(3, null, "Alpha", 2000, "", 2),
            new(4, null, "Beta", 2000, "", 5),
            new(5, null, "Gamma", 2000, "", 1),
        };
        var upload = new LetterboxdUpload(new LetterboxdExportFile(rows, new MalformedRows()), [], [], HasLists: false);

        var matched = new UploadMatcher().Match(Catalogue(Films), "ann", upload);

        Assert.Equal([("b", 5f), ("a", 2f), ("c", 1f)], matched.Ratings.Select(r => (r.FilmSlug, r.Stars)));
        Assert.Null(matched.Excluded);
    }

    [Fact]
    public void Matching_allocates_the_ratings_and_an_index_of_their_films_and_little_else()
    {
        const int count = 600;
        var films = Enumerable.Range(0, count).Select(i => Film($"film-{i}", $"Film {i}")).ToArray();
        var rows = Enumerable.Range(0, count)
            .Select(i => new LetterboxdExportRow(i + 2, null, $"Film {i}", 2000, $"https://letterboxd.com/film/film-{i}/", 3)).ToList();
        var upload = new LetterboxdUpload(new LetterboxdExportFile(rows, new MalformedRows()), [], [], HasLists: false);
        var data = Catalogue(films);
        var matcher = new UploadMatcher();
        matcher.Match(data, "ann", upload);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var matched = matcher.Match(data, "ann", upload);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(count, matched.Ratings.Count);
        // The ratings (32 B each) and an index of their places (about 28 B a film); a dictionary of whole ratings copied
        // into the array afterwards took about 88 B a film.
        Assert.True(allocated < count * 64 + 2048, $"matching {count} rows allocated {allocated} B");
    }

    private static RatingsDataset Catalogue(Film[] films)
    {
        var builder = new RatingsDatasetBuilder();
        foreach (var film in films)
            builder.AddFilm(film);
        return builder.Build();
    }
}
