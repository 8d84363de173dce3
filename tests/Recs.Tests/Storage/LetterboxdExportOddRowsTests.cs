using System.Text;
using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>
/// Rows of every odd kind read the same, field for field and message for message, whether the export is parsed from
/// a file or from an upload's body as it arrives.
/// </summary>
public sealed class LetterboxdExportOddRowsTests
{
    private const string Export = "Date,Name,Year,Letterboxd URI,Rating\r\n" +
        " 2022-08-17 ,  Heat  , 1995 , https://boxd.it/2a1M ,  4.5 \r\n" +
        ",No Date,,HTTPS://LETTERBOXD.COM/film/no-date/,5.0\r\n" +
        "\r\n" +
        "2022-13-01,Bad Month,2000,https://boxd.it/a,3\r\n" +
        " 17/08/2022 ,Slashed,2000,https://boxd.it/b,3\r\n" +
        "2022-08-17,   ,2000,https://boxd.it/c,3\r\n" +
        "2022-08-17,Spreadsheet,1995.0,https://boxd.it/d,3\r\n" +
        "2022-08-17,Bad Year, abc ,https://boxd.it/e,3\r\n" +
        "2022-08-17,Old Year,1800,https://boxd.it/f,3\r\n" +
        "2022-08-17,Spaced Address,2000,https://letterboxd.com/film/a b/,2\r\n" +
        "2022-08-17,Accented Host,2000,https://é.example/film/x/,2\r\n" +
        "2022-08-17,User Info,2000,https://ann@letterboxd.com:443/film/heat/?x=1#y,2\r\n" +
        "2022-08-17,Ftp,2000,ftp://boxd.it/g,3\r\n" +
        "2022-08-17,No Scheme,2000,letterboxd.com/film/heat/,3\r\n" +
        "2022-08-17,Bare Scheme,2000,https://,3\r\n" +
        "2022-08-17,One Slash,2000,http:/boxd.it/h,3\r\n" +
        "2022-08-17,Big Port,2000,https://boxd.it:99999/i,3\r\n" +
        "2022-08-17,Empty Label,2000,https://boxd..it/j,3\r\n" +
        "2022-08-17,Backslashes,2000,https:\\\\boxd.it\\k,3\r\n" +
        "2022-08-17,No Address,2000,,3\r\n" +
        "2022-08-17,\"Say \"\"hi\"\"\",2000,https://boxd.it/l,\"4,5\"\r\n" +
        "2022-08-17,Quarter,2000,https://boxd.it/m,2.25\r\n" +
        "2022-08-17,Blank Rating,2000,https://boxd.it/n,\r\n" +
        "2022-08-17,\"Two\r\nLines\",2000,https://boxd.it/p,1\r\n" +
        "2022-08-17,Short,2000\r\n" +
        "2022-08-17,Long,2000,https://boxd.it/q,3,extra\r\n" +
        "2022-08-17,\"Closed\"x,2000,https://boxd.it/r,3\r\n" +
        "2022-08-17,Last,2000,https://boxd.it/s,0.5\r\n" +
        "2022-08-17,\"Never closed,2000,https://boxd.it/t,3\r\n";

    private static readonly LetterboxdExportRow[] Rows =
    [
        new(2, new DateOnly(2022, 8, 17), "Heat", 1995, "https://boxd.it/2a1M", 4.5f),
        new(3, null, "No Date", null, "HTTPS://LETTERBOXD.COM/film/no-date/", 5f),
        new(8, new DateOnly(2022, 8, 17), "Spreadsheet", 1995, "https://boxd.it/d", 3f),
        new(11, new DateOnly(2022, 8, 17), "Spaced Address", 2000, "https://letterboxd.com/film/a b/", 2f),
        new(12, new DateOnly(2022, 8, 17), "Accented Host", 2000, "https://é.example/film/x/", 2f),
        new(13, new DateOnly(2022, 8, 17), "User Info", 2000, "https://ann@letterboxd.com:443/film/heat/?x=1#y", 2f),
        new(25, new DateOnly(2022, 8, 17), "Two\nLines", 2000, "https://boxd.it/p", 1f),
        new(30, new DateOnly(2022, 8, 17), "Last", 2000, "https://boxd.it/s", 0.5f),
    ];

    // Twenty, the most a parse keeps, so every malformed row's message is compared.
    private static readonly string[] Messages =
    [
        "ratings.csv line 5: Date '2022-13-01' is not YYYY-MM-DD",
        "ratings.csv line 6: Date '17/08/2022' is not YYYY-MM-DD",
        "ratings.csv line 7: Name is empty",
        "ratings.csv line 9: Year ' abc ' is not a year",
        "ratings.csv line 10: Year '1800' is not a year",
        "ratings.csv line 14: Letterboxd URI 'ftp://boxd.it/g' is not a web address",
        "ratings.csv line 15: Letterboxd URI 'letterboxd.com/film/heat/' is not a web address",
        "ratings.csv line 16: Letterboxd URI 'https://' is not a web address",
        "ratings.csv line 17: Letterboxd URI 'http:/boxd.it/h' is not a web address",
        "ratings.csv line 18: Letterboxd URI 'https://boxd.it:99999/i' is not a web address",
        "ratings.csv line 19: Letterboxd URI 'https://boxd..it/j' is not a web address",
        "ratings.csv line 20: Letterboxd URI 'https:\\\\boxd.it\\k' is not a web address",
        "ratings.csv line 21: Letterboxd URI '' is not a web address",
        "ratings.csv line 22: Rating '4,5' is not 0.5–5 in half stars",
        "ratings.csv line 23: Rating '2.25' is not 0.5–5 in half stars",
        "ratings.csv line 24: Rating '' is not 0.5–5 in half stars",
        "ratings.csv line 27: expected at least 5 fields, found 3",
        "ratings.csv line 28: 6 fields where the header has 5; a value holding a comma must be quoted",
        "ratings.csv line 29: unexpected character 'x' after a closing quote",
        "ratings.csv line 31: unterminated quoted field",
    ];

    [Fact]
    public void Odd_rows_of_a_file_give_these_rows_and_messages()
    {
        var file = LetterboxdExportParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Export)));
        AssertParsed(file);
    }

    [Fact]
    public async Task Odd_rows_of_an_upload_read_as_it_arrives_give_the_same_rows_and_messages()
    {
        var upload = await LetterboxdUploadReader.ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(Export)), declaredZip: false, 1 << 20, 1 << 20, CancellationToken.None);
        AssertParsed(upload.Ratings);
    }

    private static void AssertParsed(LetterboxdExportFile file)
    {
        Assert.Equal(Rows, file.Rows);
        Assert.Equal(Messages.Length, file.Malformed.Count);
        Assert.Equal(Messages, file.Malformed.Messages);
    }
}
