using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>Fields read as spans are the fields read as strings, quoted or not, and quoting Sep cannot split as meant is reported.</summary>
public sealed class CsvFieldSpanTests
{
    private const string Mixed = "\uFEFFa,b,c\r\nplain,\"x, y\",3\r\n\r\n\"two\r\nlines\",,\"say \"\"hi\"\"\"\n\"ok\"x,1,2\nlast,row,\"never closed\n";

    [Fact]
    public void Span_fields_equal_string_fields_with_the_same_lines_and_errors()
    {
        using var strings = new CsvReader(new StringReader(Mixed));
        using var spans = new CsvReader(new StringReader(Mixed));
        var header = CsvColumns.ReadHeader(strings, "test.csv", "a", "c");
        Assert.Equal(header.Width, CsvColumns.ReadHeader(spans, "test.csv", "a", "c").Width);
        var fields = new List<string>();
        int records = 0;
        while (strings.ReadRecord(fields, header, out string? error))
        {
            Assert.True(spans.NextRecord(header, out string? spanError), $"the span reader ended before line {strings.LineNumber}");
            var spanFields = Enumerable.Range(0, spans.FieldCount).Select(i => spans.Field(i).ToString());
            Assert.Equal((strings.LineNumber, error, string.Join('|', fields)), (spans.LineNumber, spanError, string.Join('|', spanFields)));
            records++;
        }
        Assert.False(spans.NextRecord(header, out _));
        Assert.Equal(4, records);
    }

    [Fact]
    public void The_byte_order_mark_is_dropped_from_the_first_field_only()
    {
        using var csv = new CsvReader(new StringReader("\uFEFFa,b\n\uFEFFc,d\n"));
        var fields = new List<string>();
        Assert.True(csv.Read(fields));
        Assert.Equal(["a", "b"], fields);
        Assert.True(csv.Read(fields));
        Assert.Equal(["\uFEFFc", "d"], fields);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_malformed_with_its_line()
    {
        using var csv = new CsvReader(new StringReader("a,b\n1,2\n5'11\" tall,3\"\n4,5\n"));
        var fields = new List<string>();
        var lines = new List<(long, string?)>();
        while (csv.Read(fields))
            lines.Add((csv.LineNumber, csv.Error));
        Assert.Equal(
            [(1L, null), (2L, null), (3L, "a quote inside an unquoted field; a value holding a quote must be quoted whole"), (4L, null)],
            lines);
    }

    [Fact]
    public void A_field_index_outside_the_record_throws()
    {
        using var csv = new CsvReader(new StringReader("a,b\n"));
        Assert.True(csv.Read([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => csv.Field(2).Length);
    }
}
