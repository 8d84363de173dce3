namespace Recs.Storage.Import;

/// <summary>The files and columns of the scraped Letterboxd data set, shared by its importer and its writer.</summary>
internal static class LetterboxdDatasetLayout
{
    public const string MoviesFile = "movies.csv";

    /// <summary>Plain ratings; the importer prefers this file when both it and <see cref="GzipRatingsFile"/> exist.</summary>
    public const string RatingsFile = "ratings.csv";

    public const string GzipRatingsFile = "ratings.csv.gz";

    /// <summary>The header of movies.csv as published.</summary>
    public static readonly string[] MovieColumns =
        ["movie_id", "movie_title", "year_released", "genres", "original_language", "popularity", "release_date", "runtime", "content_type", "image_url"];

    /// <summary>The movies.csv columns the importer reads, in the order it indexes them.</summary>
    public static readonly string[] ImportedMovieColumns = ["movie_id", "movie_title", "year_released", "genres", "popularity", "content_type"];

    /// <summary>The header of the ratings file; rating_val is in half stars, 1–10.</summary>
    public static readonly string[] RatingColumns = ["user_id", "movie_id", "rating_val"];
}
