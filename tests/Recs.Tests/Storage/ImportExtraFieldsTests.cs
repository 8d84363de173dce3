using System.Text;
using Recs.Engine.Storage;
using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>
/// `recs import` reads through the same CSV reader as uploads: a row with more fields than its header is skipped and
/// counted as malformed with its line, while the good rows import, rather than imported with its columns shifted.
/// </summary>
public sealed class ImportExtraFieldsTests : StoreTestBase, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("recs-import-fields-").FullName;

    protected override Task<TemporaryStore> CreateTemporaryStoreAsync() => Task.FromResult<TemporaryStore>(new TemporarySqliteStore());

    public void Dispose()
    {
        Directory.Delete(_scratch, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task MovieLens_rows_with_extra_fields_are_counted_as_malformed_with_their_lines()
    {
        Write("movies.csv", "movieId,title,genres\n1,Heat (1995),Crime\n2,Alien, The (1979),Horror\n3,Fargo (1996),Crime\n");
        Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4,964982703\n1,3,4,5,964982703\n2,3,3.5,964982703\n");
        var store = await StoreAsync();

        var report = await Importer.ImportMovieLensAsync(store, _scratch);

        Assert.Equal(2, report.MalformedCount);
        Assert.Equal("movies.csv line 3: 4 fields where the header has 3; a value holding a comma must be quoted", report.MalformedMessages[0]);
        Assert.Equal("ratings.csv line 3: 5 fields where the header has 4; a value holding a comma must be quoted", report.MalformedMessages[1]);
        Assert.Equal(new StoreCounts(2, 2, 2), await store.CountAsync());
    }

    [Fact]
    public void Letterboxd_export_rows_with_an_unquoted_decimal_comma_are_malformed_not_rounded_down()
    {
        string path = Write("ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Heat,1995,https://boxd.it/a,4\n2024-01-02,Fargo,1996,https://boxd.it/b,4,5\n");

        var export = LetterboxdExportParser.ParseFile(path);

        Assert.Equal(["Heat"], export.Rows.Select(r => r.Name));
        Assert.Equal("ratings.csv line 3: 6 fields where the header has 5; a value holding a comma must be quoted", Assert.Single(export.Malformed.Messages));
    }

    private string Write(string file, string text)
    {
        string path = Path.Combine(_scratch, file);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
