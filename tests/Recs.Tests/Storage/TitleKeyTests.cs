using Recs.Storage.Import;

namespace Recs.Tests.Storage;

public sealed class TitleKeyTests
{
    [Theory]
    [InlineData("Léon: The Professional", "leon the professional")]
    [InlineData("  The Good, the Bad and the Ugly ", "the good the bad and the ugly")]
    [InlineData("Schindler’s List", "schindlers list")]
    [InlineData("Amélie", "amelie")]
    [InlineData("Mission: Impossible – Fallout", "mission impossible fallout")]
    public void Titles_normalise_for_matching(string title, string key) => Assert.Equal(key, TitleKey.Normalize(title));

    [Theory]
    [InlineData("Toy Story (1995)", "Toy Story", 1995)]
    [InlineData("Babylon 5", "Babylon 5", null)]
    [InlineData("Ready Player One", "Ready Player One", null)]
    [InlineData("Fawlty Towers (1975-1979)", "Fawlty Towers", 1975)]
    [InlineData("City of Lost Children, The (Cité des enfants perdus, La) (1995)", "The City of Lost Children (Cité des enfants perdus, La)", 1995)]
    [InlineData("Godfather, The (1972)", "The Godfather", 1972)]
    [InlineData("Few Good Men, A (1992)", "A Few Good Men", 1992)]
    [InlineData("Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il) (1966)", "The Good, the Bad and the Ugly (Buono, il brutto, il cattivo, Il)", 1966)]
    public void MovieLens_titles_split_into_title_and_year(string raw, string title, int? year) =>
        Assert.Equal((title, year), Recs.Storage.Import.MovieLensImporter.SplitTitle(raw));

    [Theory]
    [InlineData("https://boxd.it/1UlA", "1UlA")]
    [InlineData("https://letterboxd.com/film/heat-1995/", null)]
    public void Short_ids_come_from_boxd_it_links(string uri, string? id) =>
        Assert.Equal(id, Recs.Storage.Import.LetterboxdExportImporter.ShortId(uri));
}
