using System.Text;
using Recs.Storage.Import;

namespace Recs.Tests.Storage;

public sealed class LetterboxdExportParserTests
{
    private static LetterboxdExportFile Parse(string text) => LetterboxdExportParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Good_rows_are_returned_and_bad_ones_listed_with_their_lines()
    {
        var file = Parse("""
            Date,Name,Year,Letterboxd URI,Rating
            2022-08-17,"The Good, the Bad and the Ugly",1966,https://boxd.it/2a1M,4.5
            2022-08-17,Too High,2000,https://boxd.it/abc,6
            2022-08-18,Quarter,2000,https://boxd.it/abd,3.25
            yesterday,Dated,2000,https://boxd.it/abe,3
            2022-08-19,No Link,2000,,3
            2022-08-20,Léon: The Professional,1994,https://boxd.it/2b0s,0.5
            """);
        Assert.Equal(2, file.Rows.Count);
        Assert.Equal(new LetterboxdExportRow(2, new DateOnly(2022, 8, 17), "The Good, the Bad and the Ugly", 1966, "https://boxd.it/2a1M", 4.5f), file.Rows[0]);
        Assert.Equal((7L, "Léon: The Professional", 0.5f), (file.Rows[1].Line, file.Rows[1].Name, file.Rows[1].Stars));
        Assert.Equal(4, file.Malformed.Count);
        Assert.StartsWith("ratings.csv line 3: Rating '6'", file.Malformed.Messages[0], StringComparison.Ordinal);
        Assert.StartsWith("ratings.csv line 4:", file.Malformed.Messages[1], StringComparison.Ordinal);
        Assert.StartsWith("ratings.csv line 5: Date", file.Malformed.Messages[2], StringComparison.Ordinal);
        Assert.StartsWith("ratings.csv line 6: Letterboxd URI", file.Malformed.Messages[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_parse_hands_its_reading_buffers_back_rather_than_allocating_them_for_every_upload()
    {
        // The CSV splitter rents its buffers (about 100 KB) and returns them when its reader is disposed; a parser that
        // forgot to dispose allocated them afresh for every upload. Synchronous, so this thread's count is the parse's.
        const string text = "Date,Name,Year,Letterboxd URI,Rating\n2022-08-17,Heat,1995,https://boxd.it/2a1M,4.5\n";
        Parse(text);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var file = Parse(text);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Single(file.Rows);
        Assert.True(allocated < 32 * 1024, $"parsing a one-row export allocated {allocated / 1024} KB");
    }

    [Fact]
    public void Wrong_columns_are_refused()
    {
        var error = Assert.Throws<ImportFormatException>(() => Parse("Date,Name,Year,Letterboxd URI\n2022-01-01,X,2000,https://boxd.it/a\n"));
        Assert.Contains("Rating", error.Message, StringComparison.Ordinal);
        Assert.Throws<ImportFormatException>(() => Parse(""));
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused()
    {
        byte[] latin1 = [.. "Date,Name,Year,Letterboxd URI,Rating\n2022-01-01,L"u8, 0xE9, .. "on,1994,https://boxd.it/2b0s,5\n"u8];
        Assert.Throws<ImportFormatException>(() => LetterboxdExportParser.Parse(new MemoryStream(latin1)));
    }

    [Fact]
    public void Only_the_first_twenty_messages_are_kept_but_every_bad_row_is_counted()
    {
        var text = new StringBuilder("Date,Name,Year,Letterboxd URI,Rating\n");
        for (int i = 0; i < 50; i++)
        {
            text.Append("2022-01-01,X,2000,https://boxd.it/a,9\n");
        }
        var file = Parse(text.ToString());
        Assert.Equal((50L, 20), (file.Malformed.Count, file.Malformed.Messages.Count));
        Assert.StartsWith("ratings.csv line 21:", file.Malformed.Messages[^1], StringComparison.Ordinal);
    }
}
