using Recs.Engine.Catalog;

namespace Recs.Engine.Recommendation;

/// <summary>
/// What a caller asks of a recommendation list besides the user: filters on the films and how much to favour popularity.
/// Validated at the HTTP edge; <see cref="Default"/> is what a bare request gets (movies only, any year, any genre).
/// </summary>
public sealed record RecommendationQuery
{
    public static RecommendationQuery Default { get; } = new();

    public int? MinYear { get; init; }
    public int? MaxYear { get; init; }

    /// <summary>Keep only films with at least one of these genres (case-insensitive); empty = no constraint.</summary>
    public IReadOnlyList<string> Genres { get; init; } = [];

    /// <summary>Drop films with any of these genres (case-insensitive).</summary>
    public IReadOnlyList<string> ExcludeGenres { get; init; } = [];

    /// <summary>"movie" (default: TV excluded), "tv", or "any".</summary>
    public string ContentType { get; init; } = "movie";

    /// <summary>0 = favour popular films, 1 = deep cuts, 0.5 or null = the model's own ranking (see <see cref="ObscurityDial"/>).</summary>
    public float? Obscurity { get; init; }

    /// <summary>True when this query leaves every film in (apart from the content type default).</summary>
    public bool IsUnfiltered => MinYear is null && MaxYear is null && Genres.Count == 0 && ExcludeGenres.Count == 0 && Obscurity is null;

    /// <summary>A stable text form, used as part of cache keys.</summary>
    public string CacheKey =>
        $"{MinYear}|{MaxYear}|{string.Join(',', Genres)}|{string.Join(',', ExcludeGenres)}|{ContentType}|{Obscurity}";

    /// <summary>True when <paramref name="film"/> passes every filter.</summary>
    public bool Allows(Film film)
    {
        if (ContentType != "any")
        {
            // Films without a content type are movies: MovieLens and older imports carry none.
            bool isTv = string.Equals(film.ContentType, "tv", StringComparison.OrdinalIgnoreCase);
            if (isTv != (ContentType == "tv"))
                return false;
        }
        if (MinYear is { } min && (film.Year is null || film.Year < min))
            return false;
        if (MaxYear is { } max && (film.Year is null || film.Year > max))
            return false;
        if (Genres.Count > 0 && !film.Genres.Any(g => Genres.Contains(g, StringComparer.OrdinalIgnoreCase)))
            return false;
        if (ExcludeGenres.Count > 0 && film.Genres.Any(g => ExcludeGenres.Contains(g, StringComparer.OrdinalIgnoreCase)))
            return false;
        return true;
    }
}
