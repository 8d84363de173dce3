using Recs.Engine.Catalog;
using Recs.Storage.Import;

namespace Recs.Tests.Storage;

public sealed class FilmMatcherTests
{
    private static Film Film(string slug, string title, int? year, string? uri = null) =>
        new(slug, title, year, [], "movie", null, uri ?? $"https://letterboxd.com/film/{slug}/");

    private static readonly FilmMatcher Catalogue = new([
        Film("heat-1995", "Heat", 1995),
        Film("heat-1986", "Heat", 1986),
        Film("leon-the-professional", "Léon: The Professional", 1994),
        Film("ml-1", "Toy Story", 1995, uri: "https://boxd.it/2a9q"),
        Film("ml-2", "Toy Story", 1995, uri: "https://boxd.it/2a9q"),
        Film("arrival", "Arrival", null),
    ]);

    [Theory]
    [InlineData("https://letterboxd.com/film/heat-1995/", "heat-1995")]
    [InlineData("https://letterboxd.com/film/heat-1986", "heat-1986")]
    [InlineData("  HTTP://Letterboxd.com/film/heat-1986/reviews/?page=2 ", "heat-1986")]
    [InlineData("https://user@www.letterboxd.com:443//film//heat-1995/", "heat-1995")]
    public void A_film_page_names_its_film(string uri, string slug) => Assert.Equal(slug, Catalogue.Find(uri, "unrelated title", 2001));

    [Fact]
    public void A_stored_uri_finds_its_film_whatever_its_case_and_trailing_slash_and_the_first_film_keeps_a_shared_one()
    {
        Assert.Equal("ml-1", Catalogue.Find("https://BOXD.it/2a9q/", "unrelated", null));
        Assert.Equal("ml-1", Catalogue.Find(" https://boxd.it/2a9q", "unrelated", null));
    }

    [Theory]
    [InlineData("https://example.com/film/heat-1995/", "Léon - the professional", 1994, "leon-the-professional")]
    [InlineData("ftp://letterboxd.com/film/heat-1995/", "Heat", 1986, "heat-1986")]
    [InlineData("https://letterboxd.com/films/heat-1995/", "Heat", 1986, "heat-1986")]
    [InlineData("https://letterboxd.com/film/no-such-film/", "Heat", 1995, "heat-1995")]
    [InlineData("", "ARRIVAL", null, "arrival")]
    [InlineData("", "Arrival", 2016, null)]
    [InlineData("", "Heat", null, null)]
    [InlineData("", "Heat", 2020, null)]
    public void Without_a_known_page_or_uri_a_film_is_matched_by_title_and_year_and_a_shared_title_needs_the_year(
        string uri, string title, int? year, string? slug) => Assert.Equal(slug, Catalogue.Find(uri, title, year));

    [Fact]
    public void A_title_without_a_year_matches_the_only_film_of_that_title()
    {
        var matcher = new FilmMatcher([Film("solaris", "Solaris", 1972)]);
        Assert.Equal("solaris", matcher.Find("", "solaris", null));
    }

    [Fact]
    public void A_title_longer_than_the_stack_buffer_is_matched_too()
    {
        string title = string.Concat(Enumerable.Repeat("Very Long Title ", 40));
        var matcher = new FilmMatcher([Film("long", title, 2000)]);
        Assert.Equal("long", matcher.Find("", title.ToUpperInvariant(), 2000));
    }
}
