using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>
/// The films of a Letterboxd list export (the list's own block, a blank line, then <c>Position,Name,Year,URL,Description</c>)
/// and of a watchlist export (<c>Date,Name,Year,Letterboxd URI</c>), read in file order.
/// </summary>
public sealed class LetterboxdListReaderTests
{
    // The list's block has Name and URL but no Year, so a reader taking the first Name/URL header would read the
    // list itself as a film.
    private const string ListExport =
        "Letterboxd list export v7\r\n" +
        "Date,Name,Tags,URL,Description\r\n" +
        "2024-03-01,Westerns and more,\"genre, favourites\",https://boxd.it/list1,\"A list, with a comma\r\nand a second line\"\r\n" +
        "\r\n" +
        "Position,Name,Year,URL,Description\r\n" +
        "1,\"The Good, the Bad and the Ugly\",1966,https://boxd.it/2b0k,\"Sergio \"\"Leone\"\"\"\r\n" +
        "2,Parasite,2019,https://boxd.it/hTha,\r\n" +
        "3,An Undated Short,,https://boxd.it/x1,\r\n";

    private const string Watchlist =
        "Date,Name,Year,Letterboxd URI\n" +
        "2024-01-02,Drive,2011,https://letterboxd.com/film/drive-2011/\n" +
        "\n" +
        "2024-01-03,\"Crouching Tiger, Hidden Dragon\",2000,https://boxd.it/1Y4Y\n";

    [Fact]
    public async Task A_list_export_yields_its_films_after_the_lists_own_block()
    {
        var films = await LetterboxdListReader.ReadAsync(new StringReader(ListExport), 10, CancellationToken.None);

        Assert.Equal(
            [
                new LetterboxdListEntry("The Good, the Bad and the Ugly", 1966, "https://boxd.it/2b0k"),
                new LetterboxdListEntry("Parasite", 2019, "https://boxd.it/hTha"),
                new LetterboxdListEntry("An Undated Short", null, "https://boxd.it/x1"),
            ],
            films);
    }

    [Fact]
    public async Task A_watchlist_export_yields_its_films_and_skips_blank_lines()
    {
        var films = await LetterboxdListReader.ReadAsync(new StringReader(Watchlist), 10, CancellationToken.None);

        Assert.Equal(
            [
                new LetterboxdListEntry("Drive", 2011, "https://letterboxd.com/film/drive-2011/"),
                new LetterboxdListEntry("Crouching Tiger, Hidden Dragon", 2000, "https://boxd.it/1Y4Y"),
            ],
            films);
    }

    [Fact]
    public async Task Only_the_lists_block_without_a_film_header_is_refused()
    {
        string listOnly = ListExport[..ListExport.IndexOf("Position", StringComparison.Ordinal)];

        var e = await Assert.ThrowsAsync<ImportFormatException>(() => LetterboxdListReader.ReadAsync(new StringReader(listOnly), 10, CancellationToken.None));
        Assert.Contains("URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_films_than_the_limit_are_refused()
    {
        await Assert.ThrowsAsync<ImportTooLargeException>(() => LetterboxdListReader.ReadAsync(new StringReader(ListExport), 2, CancellationToken.None));
    }
}
