using System.Diagnostics;
using System.Text.RegularExpressions;
using Recs.Engine.Catalog;
using Recs.Engine.Storage;

namespace Recs.Storage.Import;

/// <summary>Imports MovieLens <c>movies.csv</c> and <c>ratings.csv</c>: film slug "ml-{movieId}", username = userId.</summary>
internal static partial class MovieLensImporter
{
    private const string MoviesFile = "movies.csv";
    private const string RatingsFile = "ratings.csv";

    public static async Task<ImportReport> ImportAsync(
        IRatingStore store, string dir, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var malformed = new MalformedRows();
        using var movies = new CsvReader(TextInput.Open(Path.Combine(dir, MoviesFile)));
        using var ratings = new CsvReader(TextInput.Open(Path.Combine(dir, RatingsFile)));
        // Both headers are checked before anything is written.
        CsvHeader movieCols = CsvColumns.ReadHeader(movies, MoviesFile, "movieId", "title", "genres");
        CsvHeader ratingCols = CsvColumns.ReadHeader(ratings, RatingsFile, "userId", "movieId", "rating", "timestamp");

        var films = ReadFilms(movies, movieCols, malformed, new ProgressCounter(progress, MoviesFile));
        int filmCount = await store.UpsertFilmsAsync(films, ct);

        var known = films.Select(f => f.Slug).ToHashSet(StringComparer.Ordinal);
        var users = new HashSet<string>(StringComparer.Ordinal);
        var counter = new ProgressCounter(progress, RatingsFile);
        int ratingCount = await store.UpsertRatingsAsync(ReadRatings(ratings, ratingCols, known, users, malformed, counter), ct);
        counter.Finish();

        return new ImportReport
        {
            Source = $"movielens {dir}",
            FilmsUpserted = filmCount,
            RatingsUpserted = ratingCount,
            UsersSeen = users.Count,
            MalformedCount = malformed.Count,
            MalformedMessages = malformed.Messages,
            Elapsed = watch.Elapsed,
        };
    }

    /// <summary>
    /// Splits "Toy Story (1995)" into the title and the year, and puts a trailing English article back in front
    /// ("Godfather, The" → "The Godfather") so titles read, and match Letterboxd exports, as people write them.
    /// Titles without a trailing year keep their text.
    /// </summary>
    public static (string Title, int? Year) SplitTitle(string raw)
    {
        var match = TitleWithYear().Match(raw);
        if (!match.Success)
        {
            return (MoveTrailingArticle(raw.Trim()), null);
        }
        return (MoveTrailingArticle(match.Groups["title"].Value.Trim()),
            int.Parse(match.Groups["year"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string MoveTrailingArticle(string title)
    {
        var m = TrailingArticle().Match(title);
        return m.Success ? $"{m.Groups["article"].Value} {m.Groups["main"].Value}{m.Groups["alt"].Value}" : title;
    }

    private static List<Film> ReadFilms(CsvReader csv, CsvHeader cols, MalformedRows malformed, ProgressCounter counter)
    {
        // The catalogue is small (thousands of rows), and the ratings pass needs its slugs.
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
            if (!Fields.TryInt(fields[cols[0]], out int movieId) || movieId < 0)
            {
                malformed.Add(MoviesFile, csv.LineNumber, $"movieId '{fields[cols[0]]}' is not a number");
                continue;
            }
            var (title, year) = SplitTitle(fields[cols[1]]);
            if (title.Length == 0)
            {
                malformed.Add(MoviesFile, csv.LineNumber, "title is empty");
                continue;
            }
            films.Add(new Film($"ml-{movieId}", title, year, Fields.Genres(fields[cols[2]], "(no genres listed)"), "movie", null, null));
        }
        counter.Finish();
        return films;
    }

    private static IEnumerable<RatingRecord> ReadRatings(
        CsvReader csv, CsvHeader cols, HashSet<string> knownFilms, HashSet<string> users, MalformedRows malformed, ProgressCounter counter)
    {
        var fields = new List<string>();
        while (csv.ReadRecord(fields, cols, out string? error))
        {
            counter.Tick();
            RatingRecord rating = default;
            error ??= TryParseRating(fields, cols, knownFilms, out rating);
            if (error is not null)
            {
                malformed.Add(RatingsFile, csv.LineNumber, error);
                continue;
            }
            users.Add(rating.Username);
            yield return rating;
        }
    }

    private static string? TryParseRating(List<string> fields, CsvHeader cols, HashSet<string> knownFilms, out RatingRecord rating)
    {
        rating = default;
        if (!Username.TryNormalize(fields[cols[0]].Trim(), out string? user, out string? userError))
        {
            return $"userId '{fields[cols[0]]}': {userError}";
        }
        string? slug = Fields.TryInt(fields[cols[1]], out int movieId) ? $"ml-{movieId}" : null;
        if (slug is null || !knownFilms.Contains(slug))
        {
            return $"unknown film: movieId '{fields[cols[1]]}' is not in {MoviesFile}";
        }
        if (!Fields.TryFloat(fields[cols[2]], out float stars) || !StarRating.IsValid(stars))
        {
            return $"rating '{fields[cols[2]]}' is not 0.5–5 in half stars";
        }
        if (!Fields.TryLong(fields[cols[3]], out long seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            return $"timestamp '{fields[cols[3]]}' is not unix seconds";
        }
        var date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime);
        rating = new RatingRecord(user, slug, stars, date);
        return null;
    }

    // MovieLens files "The X (Alt title)" as "X, The (Alt title)".
    [GeneratedRegex(@"^(?<main>.+?), (?<article>The|A|An)(?<alt>\s+\(.*\))?$")]
    private static partial Regex TrailingArticle();

    [GeneratedRegex(@"^(?<title>.*?)\s*\((?<year>\d{4})(?:[-–]\d{0,4})?\)\s*$")]
    private static partial Regex TitleWithYear();
}
