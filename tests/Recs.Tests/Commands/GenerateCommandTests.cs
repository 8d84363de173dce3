using Recs.Engine.Storage;
using Recs.Engine.Training;
using Recs.Storage.Import;
using Recs.Tests.Storage;

namespace Recs.Tests.Commands;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("recs-generate-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task A_generated_set_imports_with_exactly_its_counts_and_every_rating()
    {
        string dir = Generate("small", seed: 3);
        await using var temporary = new TemporarySqliteStore();
        var store = temporary.Store;
        await store.MigrateAsync();

        var report = await Importer.ImportLetterboxdDatasetAsync(store, dir);

        Assert.True(report.MalformedCount == 0, $"malformed rows: {string.Join("; ", report.MalformedMessages)}");
        Assert.Equal((200, 6_000, 300), (report.FilmsUpserted, report.RatingsUpserted, report.UsersSeen));
        Assert.Equal(new StoreCounts(300, 200, 6_000), await store.CountAsync());
        var expected = SyntheticRatings.Generate(users: 300, films: 200, ratings: 6_000, tasteClusters: 8, seed: 3);
        var films = SyntheticFilms.For(expected, seed: 3);
        var written = Enumerable.Range(0, expected.Count)
            .Select(i => (expected.UserIds[expected.Users[i]], films[expected.Films[i]].Slug, expected.Stars[i]))
            .ToHashSet();
        await foreach (var rating in store.ReadAllRatingsAsync())
            Assert.True(written.Remove((rating.Username, rating.FilmSlug, rating.Stars)), $"stored rating not generated: {rating}");
        Assert.True(written.Count == 0, $"{written.Count} generated ratings were not stored, e.g. {written.FirstOrDefault()}");
    }

    [Fact]
    public async Task Titles_with_commas_survive_the_round_trip()
    {
        string dir = Generate("titles", seed: 5);
        await using var temporary = new TemporarySqliteStore();
        await temporary.Store.MigrateAsync();
        await Importer.ImportLetterboxdDatasetAsync(temporary.Store, dir);

        var stored = (await temporary.Store.LoadFilmsAsync()).ToDictionary(f => f.Slug);
        var films = SyntheticFilms.For(SyntheticRatings.Generate(users: 300, films: 200, ratings: 6_000, tasteClusters: 8, seed: 5), seed: 5);
        Assert.Contains(films, f => f.Title.Contains(',', StringComparison.Ordinal));
        foreach (var film in films)
        {
            var back = stored[film.Slug];
            Assert.Equal((film.Title, film.Year, string.Join('|', film.Genres)), (back.Title, back.Year, string.Join('|', back.Genres)));
        }
    }

    [Fact]
    public void The_same_seed_writes_identical_bytes_and_another_seed_different_ones()
    {
        string first = Generate("first", seed: 11);
        string again = Generate("again", seed: 11);
        string other = Generate("other", seed: 12);

        foreach (string file in new[] { "movies.csv", "ratings.csv.gz" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(first, file));
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))), $"{file} differs between two runs with seed 11");
            Assert.False(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(other, file))), $"{file} is the same for seeds 11 and 12");
        }
    }

    [Theory]
    [InlineData]
    [InlineData("--users", "300", "--films", "200", "--ratings", "6000", "--seed", "1")]
    [InlineData("--users", "300", "--films", "200", "--ratings", "6000", "--seed", "1", "--out", "x", "--colour", "red")]
    [InlineData("--users", "300", "--films", "200", "--ratings", "6000", "--seed", "--out", "x")]
    [InlineData("--users", "three", "--films", "200", "--ratings", "6000", "--seed", "1", "--out", "x")]
    [InlineData("--users", "0", "--films", "200", "--ratings", "6000", "--seed", "1", "--out", "x")]
    [InlineData("--users", "300", "--films", "19", "--ratings", "600", "--seed", "1", "--out", "x")]
    [InlineData("--users", "300", "--films", "200", "--ratings", "299", "--seed", "1", "--out", "x")]
    [InlineData("--users", "300", "--films", "200", "--ratings", "15001", "--seed", "1", "--out", "x")]
    [InlineData("--users", "300", "--films", "200", "--ratings", "6000", "--seed", "1", "--out", "x", "--clusters", "0")]
    public void Bad_arguments_exit_with_2_and_create_nothing(params string[] args)
    {
        var run = CommandRun.InProcess(["generate", .. args]);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode} for generate {string.Join(' ', args)}: {run.Stderr}");
        Assert.StartsWith("recs generate: ", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists("x"), "a refused command created its output folder");
    }

    [Fact]
    public void A_non_empty_folder_is_refused_without_force_and_written_with_it()
    {
        string dir = Path.Combine(_scratch, "busy");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "ratings.csv"), "stale, and the importer would prefer it to ratings.csv.gz\n");
        string[] args = ["generate", "--users", "300", "--films", "200", "--ratings", "6000", "--seed", "1", "--out", dir];

        var refused = CommandRun.InProcess(args);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "movies.csv")), "a refused command wrote movies.csv");

        Assert.Equal(0, CommandRun.InProcess([.. args, "--force"]).ExitCode);
        Assert.Equal(["movies.csv", "ratings.csv.gz"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_report_gives_the_counts_and_the_elapsed_seconds()
    {
        var run = CommandRun.InProcess("generate", "--users", "300", "--films", "200", "--ratings", "6000", "--seed", "1", "--out", Path.Combine(_scratch, "report"));
        Assert.Equal(0, run.ExitCode);
        string report = run.Stdout;
        Assert.Contains("300 users × 200 films, 6,000 ratings, 8 taste clusters, seed 1", report, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d\d s \(", report);
    }

    private string Generate(string name, int seed)
    {
        string dir = Path.Combine(_scratch, name);
        var run = CommandRun.InProcess(
            "generate", "--users", "300", "--films", "200", "--ratings", "6000", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", dir);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        return dir;
    }
}
