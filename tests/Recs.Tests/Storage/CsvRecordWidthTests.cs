using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>Records are checked against their header: too few fields and too many are both malformed, with the record's line.</summary>
public sealed class CsvRecordWidthTests
{
    private static List<(long Line, string? Error)> ReadRecords(string text)
    {
        using var csv = new CsvReader(new StringReader(text));
        var header = CsvColumns.ReadHeader(csv, "test.csv", "a", "c");
        var records = new List<(long, string?)>();
        var fields = new List<string>();
        while (csv.ReadRecord(fields, header, out string? error))
        {
            records.Add((csv.LineNumber, error));
        }
        return records;
    }

    [Fact]
    public void A_line_of_endless_fields_stops_the_read_before_they_are_all_kept()
    {
        string text = "a,b,c\n1,2,3\n" + string.Join(',', Enumerable.Repeat("x", 200_000)) + "\n";
        var error = Assert.Throws<ImportFormatException>(() => ReadRecords(text));
        Assert.Contains($"line 3: more than {CsvReader.MaxFields} fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_with_more_fields_than_the_header_is_malformed_with_its_line()
    {
        var records = ReadRecords("a,b,c\n1,2,3\n1,2,4,5\n\"x,y\",2,3\n");
        Assert.Equal(3, records.Count);
        Assert.Null(records[0].Error);
        Assert.Equal((3L, "4 fields where the header has 3; a value holding a comma must be quoted"), records[1]);
        Assert.Null(records[2].Error);
    }

    [Fact]
    public void A_record_too_short_for_a_required_column_is_malformed_but_one_missing_only_optional_columns_is_not()
    {
        var records = ReadRecords("a,c,b\n1\n1,2\n");
        Assert.Equal((2L, "expected at least 2 fields, found 1"), records[0]);
        Assert.Null(records[1].Error);
    }

    [Fact]
    public void A_trailing_comma_counts_as_one_more_field()
    {
        var records = ReadRecords("a,b,c\n1,2,3,\n");
        Assert.Equal((2L, "4 fields where the header has 3; a value holding a comma must be quoted"), records[0]);
    }

    [Fact]
    public async Task Asynchronous_reading_gives_the_same_records_lines_and_errors_as_synchronous()
    {
        const string text = "\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\"two\r\n\r\nlines\",2,3\r\n\r\n\"ok\"x,1,2\n4,5,6,7\n8\n\"never closed,4\n5,6\n";
        using var sync = new CsvReader(new StringReader(text));
        using var async = new CsvReader(new StringReader(text));
        var header = CsvColumns.ReadHeader(sync, "test.csv", "a", "b");
        var asyncHeader = await CsvColumns.ReadHeaderAsync(async, "test.csv", ["a", "b"], CancellationToken.None);
        Assert.Equal((header.Width, header.Needed), (asyncHeader.Width, asyncHeader.Needed));
        var syncFields = new List<string>();
        int records = 0;
        while (sync.ReadRecord(syncFields, header, out string? error))
        {
            Assert.True(await async.NextRecordAsync(header, CancellationToken.None), $"the asynchronous reader ended before line {sync.LineNumber}");
            string asyncFields = string.Join('|', Enumerable.Range(0, async.FieldCount).Select(i => async.Field(i).ToString()));
            Assert.Equal((sync.LineNumber, error, string.Join('|', syncFields)), (async.LineNumber, async.Error, asyncFields));
            records++;
        }
        Assert.False(await async.NextRecordAsync(header, CancellationToken.None));
        Assert.Equal(6, records);
    }
}
