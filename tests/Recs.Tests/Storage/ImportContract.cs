using System.IO.Compression;
using System.Text;
using Recs.Engine.Storage;
using Recs.Storage.Import;
using Xunit.Abstractions;

namespace Recs.Tests.Storage;

/// <summary>Importer behaviour on the real data sets and on small synthetic files, run once per store by the derived classes.</summary>
public abstract class ImportContract(ITestOutputHelper output) : StoreTestBase, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("recs-import-").FullName;

    protected ITestOutputHelper Output => output;

    public void Dispose()
    {
        Directory.Delete(_scratch, recursive: true);
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task MovieLens_full_import_gives_the_published_counts_and_reimport_changes_nothing()
    {
        Skip.If(TestData.Root is null, TestData.SkipReason);
        var store = await StoreAsync();
        var report = await Importer.ImportMovieLensAsync(store, TestData.MovieLens);
        output.WriteLine($"{store.Kind}: {report}");
        Assert.Equal(new StoreCounts(610, 9_742, 100_836), await store.CountAsync());
        Assert.Equal((9_742, 100_836, 610, 0), (report.FilmsUpserted, report.RatingsUpserted, report.UsersSeen, report.MalformedCount));

        var toyStory = (await store.LoadFilmsAsync()).Single(f => f.Slug == "ml-1");
        Assert.Equal(("Toy Story", 1995, "Adventure,Animation,Children,Comedy,Fantasy"), (toyStory.Title, toyStory.Year, string.Join(',', toyStory.Genres)));

        await Importer.ImportMovieLensAsync(store, TestData.MovieLens);
        Assert.Equal(new StoreCounts(610, 9_742, 100_836), await store.CountAsync());
    }

    [SkippableFact]
    public async Task Letterboxd_exports_create_missing_films_then_match_them_on_reimport()
    {
        Skip.If(TestData.Root is null, TestData.SkipReason);
        var store = await StoreAsync();
        var first = await Importer.ImportLetterboxdExportAsync(store, "henry", TestData.ExportA);
        Assert.Equal((847, 847, 0L, 0L), (first.RatingsUpserted, first.FilmsCreated, first.FilmsMatched, first.MalformedCount));

        var again = await Importer.ImportLetterboxdExportAsync(store, "henry", TestData.ExportA);
        Assert.Equal((0L, 847L), (again.FilmsCreated, again.FilmsMatched));

        // The two exports share 190 films with identical short links.
        var other = await Importer.ImportLetterboxdExportAsync(store, "marian", TestData.ExportB);
        Assert.Equal(673, other.RatingsUpserted);
        Assert.True(other.FilmsMatched >= 190, $"matched {other.FilmsMatched}");
        Assert.Equal(new StoreCounts(2, 847 + other.FilmsCreated, 847 + 673), await store.CountAsync());
        var leon = (await store.LoadFilmsAsync()).Where(f => f.Title.StartsWith("Léon", StringComparison.Ordinal)).ToList();
        Assert.All(leon, f => Assert.StartsWith("boxd-", f.Slug, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Letterboxd_export_from_a_zip_is_read()
    {
        Skip.If(TestData.Root is null, TestData.SkipReason);
        string zipPath = Path.Combine(_scratch, "letterboxd-export.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(TestData.ExportB, "ratings.csv");
            zip.CreateEntryFromFile(TestData.ExportA, "deleted/ratings.csv");
        }
        var store = await StoreAsync();
        var report = await Importer.ImportLetterboxdExportAsync(store, "marian", zipPath);
        Assert.Equal(673, report.RatingsUpserted);
    }

    [SkippableFact]
    public async Task Malformed_rows_are_skipped_and_reported_with_line_numbers_while_good_rows_import()
    {
        string dir = Write("ml-bad", ("movies.csv", """
            movieId,title,genres
            1,"Good, the Bad and the Ugly, The (1966)",Action|Western
            2,"Say ""Anything"" (1989)",(no genres listed)
            x,Broken (2000),Drama
            3,Untitled Year,Drama
            """), ("ratings.csv", "userId,movieId,rating,timestamp\r\n1,1,4.5,964982703\r\n1,2,7,964982703\r\n2,99,3,964982703\r\n2,2,3.5,notatime\r\n2,3,1.0,0\r\n3,1\r\n"));
        var store = await StoreAsync();
        var report = await Importer.ImportMovieLensAsync(store, dir);
        output.WriteLine(report.ToString());

        Assert.Equal(new StoreCounts(2, 3, 2), await store.CountAsync());
        Assert.Equal(5, report.MalformedCount);
        Assert.Equal(
            ["movies.csv line 4", "ratings.csv line 3", "ratings.csv line 4", "ratings.csv line 5", "ratings.csv line 7"],
            report.MalformedMessages.Select(m => m[..m.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains("unknown film", report.MalformedMessages[2], StringComparison.Ordinal);
        var films = (await store.LoadFilmsAsync()).ToDictionary(f => f.Slug);
        Assert.Equal(("The Good, the Bad and the Ugly", 1966), (films["ml-1"].Title, films["ml-1"].Year));
        Assert.Equal(("Say \"Anything\"", 0), (films["ml-2"].Title, films["ml-2"].Genres.Length));
        Assert.Equal(("Untitled Year", (int?)null), (films["ml-3"].Title, films["ml-3"].Year));
    }

    [SkippableFact]
    public async Task A_wrong_header_is_rejected_before_anything_is_written()
    {
        string dir = Write("ml-header", ("movies.csv", "movieId,title,genres\n1,Heat (1995),Crime\n"), ("ratings.csv", "user,movie,stars\n1,1,4\n"));
        var store = await StoreAsync();
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => Importer.ImportMovieLensAsync(store, dir));
        Assert.Contains("userId", error.Message, StringComparison.Ordinal);
        Assert.Equal(new StoreCounts(0, 0, 0), await store.CountAsync());
    }

    [SkippableFact]
    public async Task Gzipped_ratings_are_read_by_extension_and_by_magic_bytes()
    {
        const string movies = "movie_id,movie_title,year_released,genres,original_language,popularity,release_date,runtime,content_type,image_url\n"
            + "heat,Heat,1995,Crime|Drama,en,31.5,1995-12-15,170,movie,x\n"
            + "pilot,\"Twin Peaks, \"\"Pilot\"\"\",,,en,,,,,\n";
        const string ratings = "user_id,movie_id,rating_val\nann,heat,9\nann,pilot,1\nbo,heat,10\nbo,missing,5\nbo,pilot,11\n";
        string byExtension = Write("lb-gz", ("movies.csv", movies));
        await File.WriteAllBytesAsync(Path.Combine(byExtension, "ratings.csv.gz"), Gzip(ratings));
        string byMagic = Write("lb-magic", ("movies.csv", movies));
        await File.WriteAllBytesAsync(Path.Combine(byMagic, "ratings.csv"), Gzip(ratings));

        var store = await StoreAsync();
        foreach (string dir in new[] { byExtension, byMagic })
        {
            var report = await Importer.ImportLetterboxdDatasetAsync(store, dir);
            Assert.Equal((2, 3, 2, 2), (report.FilmsUpserted, report.RatingsUpserted, report.UsersSeen, report.MalformedCount));
        }
        Assert.Equal(new StoreCounts(2, 2, 3), await store.CountAsync());
        var pilot = (await store.LoadFilmsAsync()).Single(f => f.Slug == "pilot");
        Assert.Equal(("Twin Peaks, \"Pilot\"", (int?)null, "movie", "https://letterboxd.com/film/pilot/"), (pilot.Title, pilot.Year, pilot.ContentType, pilot.LetterboxdUri));
    }

    [SkippableFact]
    public async Task A_letterboxd_dataset_import_reports_the_time_of_each_stage_in_order()
    {
        const string movies = "movie_id,movie_title,year_released,genres,original_language,popularity,release_date,runtime,content_type,image_url\n"
            + "heat,Heat,1995,Crime,en,31.5,1995-12-15,170,movie,x\n";
        string dir = Write("lb-stages", ("movies.csv", movies), ("ratings.csv", "user_id,movie_id,rating_val\nann,heat,9\nbo,heat,10\n"));
        var store = await StoreAsync();

        var first = await Importer.ImportLetterboxdDatasetAsync(store, dir);
        string[] stages = [.. first.Stages.Select(s => s.Stage)];
        output.WriteLine(string.Join("\n", first.Stages.Select(s => $"{s.Stage}: {s.Elapsed.TotalMilliseconds:0.0} ms")));
        string[] common =
        [
            "movies.csv read and parsed", "films written", "ids loaded", "writer waiting for parsed rows", "commit",
        ];
        Assert.Equal(common, stages.Intersect(common));
        // A first load builds keys or indexes after its rows (which ones depends on the store).
        Assert.Contains(stages, s => s.EndsWith(" built", StringComparison.Ordinal));
        Assert.Equal(stages.Length, stages.Distinct().Count());
        // Each store splits the parsing and the resolving of ids between its two threads in its own way.
        Assert.Single(stages, s => s.EndsWith("(reading thread)", StringComparison.Ordinal));
        Assert.Single(stages, s => s.EndsWith("(writer)", StringComparison.Ordinal));

        // Into a table that holds rows already, nothing is dropped, so nothing is built again.
        var again = await Importer.ImportLetterboxdDatasetAsync(store, dir);
        Assert.DoesNotContain(again.Stages, s => s.Stage.EndsWith(" built", StringComparison.Ordinal));
    }

    protected async Task ImportFullLetterboxdDatasetAsync()
    {
        Skip.If(TestData.Root is null, TestData.SkipReason);
        var store = await StoreAsync();
        var report = await Importer.ImportLetterboxdDatasetAsync(store, TestData.LetterboxdDataset);
        output.WriteLine($"{store.Kind}: {report}");
        Assert.Equal(new StoreCounts(4_375, 7_472, 1_039_665), await store.CountAsync());
        Assert.Equal(0, report.MalformedCount);

        // Exports match the scraped catalogue by title and year, since their short links differ from film pages.
        var export = await Importer.ImportLetterboxdExportAsync(store, "henry", TestData.ExportA);
        output.WriteLine($"{store.Kind}: {export}");
        Assert.True(export.FilmsMatched > 400, $"only {export.FilmsMatched} of 847 export rows matched the catalogue");
    }

    private string Write(string name, params (string File, string Text)[] files)
    {
        string dir = Path.Combine(_scratch, name);
        Directory.CreateDirectory(dir);
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, file), text, new UTF8Encoding(false));
        }
        return dir;
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }
}
