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
}
