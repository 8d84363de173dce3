using System.Collections.Frozen;
using System.Diagnostics;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Storage.Import;

/// <summary>
/// Imports the scraped Letterboxd data set: <c>movies.csv</c> (movie_id is the Letterboxd slug) and
/// <c>ratings.csv</c> or <c>ratings.csv.gz</c> (rating_val 1–10 in half stars).
/// </summary>
internal static class LetterboxdDatasetImporter
{
    private const string MoviesFile = LetterboxdDatasetLayout.MoviesFile;

    public static async Task<ImportReport> ImportAsync(
        IRatingStore store, string dir, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var malformed = new MalformedRows();
        string ratingsPath = Path.Combine(dir, LetterboxdDatasetLayout.RatingsFile);
        if (!File.Exists(ratingsPath) && File.Exists(Path.Combine(dir, LetterboxdDatasetLayout.GzipRatingsFile)))
        {
            ratingsPath = Path.Combine(dir, LetterboxdDatasetLayout.GzipRatingsFile);
        }
        string ratingsFile = Path.GetFileName(ratingsPath);
        using var movies = new CsvReader(TextInput.Open(Path.Combine(dir, MoviesFile)));
        using var ratings = new CsvReader(TextInput.Open(ratingsPath));
        CsvHeader movieCols = CsvColumns.ReadHeader(movies, MoviesFile, LetterboxdDatasetLayout.ImportedMovieColumns);
        CsvHeader ratingCols = CsvColumns.ReadHeader(ratings, ratingsFile, LetterboxdDatasetLayout.RatingColumns);

        var stages = new StageTimes();
        var films = ReadFilms(movies, movieCols, malformed, new ProgressCounter(progress, MoviesFile));
        stages.Add($"{MoviesFile} read and parsed", watch.Elapsed);
        long filmsStart = Stopwatch.GetTimestamp();
        int filmCount = await store.UpsertFilmsAsync(films, ct);
        stages.Add("films written", Stopwatch.GetElapsedTime(filmsStart));

        // Frozen: built once, then looked up ten million times (it hashes only the few characters that tell slugs apart).
        var known = films.Select(f => f.Slug).ToFrozenSet(StringComparer.Ordinal);
        var users = new HashSet<string>(StringComparer.Ordinal);
        var counter = new ProgressCounter(progress, ratingsFile);
        // The SQL stores enumerate the rows on a reading thread of their own, which parses them (and, for SQLite,
        // resolves their ids) while the store writes; both are needed to the end.
        int ratingCount = await store.UpsertRatingsAsync(
            ReadRatings(ratings, ratingsFile, new LetterboxdRatingParser(ratingCols, known, users), malformed, counter), stages, ct);
        counter.Finish();

        return new ImportReport
        {
            Source = $"letterboxd-dataset {dir}",
            FilmsUpserted = filmCount,
            RatingsUpserted = ratingCount,
            UsersSeen = users.Count,
            MalformedCount = malformed.Count,
            MalformedMessages = malformed.Messages,
            Elapsed = watch.Elapsed,
            Stages = stages.Stages,
        };
    }

    /// <summary>The canonical film page for a Letterboxd slug, the form stored as <see cref="Film.LetterboxdUri"/>.</summary>
    public static string FilmUri(string slug) => $"https://letterboxd.com/film/{slug}/";

    private static List<Film> ReadFilms(CsvReader csv, CsvHeader cols, MalformedRows malformed, ProgressCounter counter)
    {
        var films = new List<Film>();
        var fields = new List<string>();
        while (csv.ReadRecord(fields, cols, out string? error))
        {
            counter.Tick();
            if (error is not null)
            {
                malformed.Add(MoviesFile, csv.LineNumber, error);
                continue;
            }
            string slug = fields[cols[0]].Trim();
            string title = fields[cols[1]].Trim();
            if (slug.Length == 0 || title.Length == 0)
            {
                malformed.Add(MoviesFile, csv.LineNumber, "movie_id or movie_title is empty");
                continue;
            }
            if (!Fields.TryOptionalYear(fields[cols[2]], out int? year))
            {
                malformed.Add(MoviesFile, csv.LineNumber, $"year_released '{fields[cols[2]]}' is not a year");
                continue;
            }
            if (!Fields.TryOptionalFloat(fields[cols[4]], out float? popularity))
            {
                malformed.Add(MoviesFile, csv.LineNumber, $"popularity '{fields[cols[4]]}' is not a number");
                continue;
            }
            string contentType = fields[cols[5]].Trim() is { Length: > 0 } t ? t : "movie";
            films.Add(new Film(slug, title, year, Fields.Genres(fields[cols[3]]), contentType, popularity, FilmUri(slug)));
        }
        counter.Finish();
        return films;
    }

    private static IEnumerable<RatingRecord> ReadRatings(
        CsvReader csv, string fileName, LetterboxdRatingParser parser, MalformedRows malformed, ProgressCounter counter)
    {
        while (csv.NextRecord(parser.Columns, out string? error))
        {
            counter.Tick();
            RatingRecord rating = default;
            error ??= parser.TryParse(csv, out rating);
            if (error is not null)
            {
                malformed.Add(fileName, csv.LineNumber, error);
                continue;
            }
            yield return rating;
        }
    }
}
