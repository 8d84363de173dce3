using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Recs.Aot.Recommendations;
using Recs.Bench.Data;
using Recs.Engine.Catalog;
using Recs.Engine.Data;
using Recs.Engine.Storage;
using Recs.Storage.Import;
using Recs.Storage.Sqlite;

namespace Recs.Bench.Upload;

/// <summary>
/// The stages of one ratings upload on the 1M Letterboxd store (SQLite, imported once into a temporary file): parsing
/// the CSV, building a film matcher over the catalogue, matching the rows (the service's <see cref="UploadMatcher"/>),
/// and the store's transaction for a new person. Two exports: a real one (films named by boxd.it short links, so
/// matched by title and year) and one of 600 catalogue films named by their letterboxd.com/film/ pages, as the load
/// suite sends. Absent data is skipped.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class UploadBenchmarks
{
    public const string RealExport = "export-b (673 ratings, boxd.it links)";
    public const string FilmPages = "600 film pages";

    private string _folder = null!;
    private SqliteRatingStore _store = null!;
    private IReadOnlyList<Film> _films = null!;
    private RatingsDataset _catalogue = null!;
    private UploadMatcher _matcher = null!;
    private byte[] _csv = null!;
    private LetterboxdUpload _upload = null!;
    private RatingRecord[] _matched = null!;
    private int _next;

    [ParamsSource(nameof(Exports))]
    public string Export { get; set; } = FilmPages;

    public static IEnumerable<string> Exports =>
        BenchData.Available(BenchData.Letterboxd).Any()
            ? File.Exists(BenchData.ExportPath("export-b-ratings.csv")) ? [RealExport, FilmPages] : [FilmPages]
            : [];

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("recs-upload-bench").FullName;
        File.Copy(await ImportedStore(), Path.Combine(_folder, "recs.db"));
        _store = new SqliteRatingStore(Path.Combine(_folder, "recs.db"));
        _films = await _store.LoadFilmsAsync();
        var catalogue = new RatingsDatasetBuilder();
        foreach (var film in _films)
            catalogue.AddFilm(film);
        _catalogue = catalogue.Build();
        _matcher = new UploadMatcher();
        _csv = Export == RealExport ? File.ReadAllBytes(BenchData.ExportPath("export-b-ratings.csv")) : FilmPagesCsv(_films, 600);
        _upload = await Parse();
        // The service's matcher builds its film matcher on the first upload for a catalogue; the stage measures the others.
        _matched = [.. _matcher.Match(_catalogue, "bench_matched", _upload).Ratings];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "parse the CSV")]
    public Task<LetterboxdUpload> Parse() =>
        LetterboxdUploadReader.ReadAsync(new MemoryStream(_csv, writable: false), false, 5 << 20, 20 << 20, CancellationToken.None);

    [Benchmark(Description = "build a film matcher")]
    public FilmMatcher BuildMatcher() => new(_films);

    [Benchmark(Description = "match the rows")]
    public int MatchRows() => _matcher.Match(_catalogue, "bench_matched", _upload).Ratings.Count;

    [Benchmark(Description = "store write (new person)")]
    public async Task<int> StoreWrite()
    {
        string name = "bench_" + (_next++).ToString(CultureInfo.InvariantCulture);
        var ratings = Array.ConvertAll(_matched, r => r with { Username = name });
        var result = await _store.WritePersonAsync(new PersonWrite(name, ratings, null, WriteAuthority.Person, null, new byte[32]));
        return result.RatedSlugs.Count;
    }

    // Every benchmark runs in a process of its own: the set is imported once per machine and copied per process.
    private static async Task<string> ImportedStore()
    {
        string folder = Path.Combine(Path.GetTempPath(), "recs-upload-bench-store");
        string file = Path.Combine(folder, "recs.db"), done = Path.Combine(folder, "imported");
        if (File.Exists(done))
            return file;
        Directory.CreateDirectory(folder);
        File.Delete(file);
        await using (var store = new SqliteRatingStore(file))
        {
            await store.MigrateAsync();
            await Importer.ImportLetterboxdDatasetAsync(store, Path.GetDirectoryName(BenchData.FilePath(BenchData.Letterboxd))!);
        }
        // Closing the last connection folds the write-ahead log into the file, so the file alone is copied.
        await File.WriteAllTextAsync(done, "");
        return file;
    }

    // Every seventh film from the start, named by its film page, half stars from 0.5 to 5.
    private static byte[] FilmPagesCsv(IReadOnlyList<Film> films, int count)
    {
        var csv = new StringBuilder("Date,Name,Year,Letterboxd URI,Rating\n");
        for (int i = 0; i < count; i++)
        {
            var film = films[i * 7 % films.Count];
            csv.Append("2024-03-01,\"").Append(film.Title.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",")
               .Append(film.Year?.ToString(CultureInfo.InvariantCulture)).Append(",https://letterboxd.com/film/").Append(film.Slug)
               .Append("/,").Append(((1 + i % 10) / 2f).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
