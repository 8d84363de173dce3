using Recs.Storage.Import;

namespace Recs.Tests.Storage;

public sealed class CsvReaderTests
{
    private static List<(long Line, string[] Fields, string? Error)> ReadAll(string text)
    {
        using var csv = new CsvReader(new StringReader(text));
        var rows = new List<(long, string[], string?)>();
        var fields = new List<string>();
        while (csv.Read(fields))
        {
            rows.Add((csv.LineNumber, fields.ToArray(), csv.Error));
        }
        return rows;
    }

    [Fact]
    public void Quoted_fields_hold_commas_escaped_quotes_and_line_breaks()
    {
        var rows = ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\"two\r\nlines\",2,3\r\n4,,\"\"\r\n");
        Assert.Equal(4, rows.Count);
        Assert.Equal(["x, y", "say \"hi\"", ""], rows[1].Fields);
        Assert.Equal(["two\nlines", "2", "3"], rows[2].Fields);
        Assert.Equal(5, rows[3].Line);
        Assert.Equal(["4", "", ""], rows[3].Fields);
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Lf_and_crlf_read_the_same_and_a_bom_is_dropped()
    {
        Assert.Equal(
            ReadAll("\uFEFFa,b\r\n1,2\r\n").Select(r => string.Join('|', r.Fields)),
            ReadAll("a,b\n1,2").Select(r => string.Join('|', r.Fields)));
    }

    [Fact]
    public void Malformed_quoting_is_reported_on_the_record_with_its_line()
    {
        var rows = ReadAll("a,b\n\"ok\"x,1\n2,3\n\"never closed,4\n5,6\n");
        Assert.Equal((2L, "unexpected character 'x' after a closing quote"), (rows[1].Line, rows[1].Error));
        Assert.Null(rows[2].Error);
        Assert.Equal((4L, "unterminated quoted field"), (rows[3].Line, rows[3].Error));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        byte[] latin1 = [.. "Date,Name\n2020-01-01,L"u8, 0xE9, .. "on\n"u8];
        using var csv = new CsvReader(TextInput.Open(new MemoryStream(latin1)));
        var fields = new List<string>();
        Assert.Throws<ImportFormatException>(() =>
        {
            while (csv.Read(fields))
            {
            }
        });
    }
}
