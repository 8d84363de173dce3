using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Recommendations;
using Recs.Engine.Recommendation;

namespace Recs.Aot.Http;

/// <summary>Turns the filter query string of /api/recomendacoes into a <see cref="RecommendationQuery"/>, or a 400 problem naming the bad value.</summary>
internal static class RecommendationQueryParsing
{
    public const int MinYear = 1870;
    public const int MaxYear = 2100;
    public const int MaxGenres = 10;
    public const int MaxGenreLength = 40;

    private static readonly string[] ContentTypes = ["movie", "tv", "any"];

    /// <summary>
    /// Reads and validates the limit, the filters and the format of a request for recommendations, in that order.
    /// A plain query (<see cref="PlainRecommendationQuery"/>) is read without allocating; others through the query collection.
    /// </summary>
    public static bool TryParseRequest(
        HttpRequest request, out int limit, out RecommendationQuery query, out bool csv, out ProblemHttpResult? problem)
    {
        query = RecommendationQuery.Default;
        csv = false;
        if (PlainRecommendationQuery.TryRead(request.QueryString.Value, out var plainLimit, out var plainFormat))
            return TryLimit(plainLimit, out limit, out problem) && TryFormat(plainFormat, out csv, out problem);
        var q = request.Query;
        return TryLimit(q["limit"].ToString(), out limit, out problem)
            && TryParse(q, out query, out problem)
            && TryFormat(q["format"].ToString(), out csv, out problem);
    }

    private static bool TryLimit(ReadOnlySpan<char> raw, out int limit, out ProblemHttpResult? problem) =>
        QueryParsing.TryInt(raw, "limit", 1, RecommendationService.MaxLimit, RecommendationService.DefaultLimit, out limit, out problem);

    /// <summary>Validates every option; absent options leave the default (movies only, no other filter) in place.</summary>
    public static bool TryParse(IQueryCollection q, out RecommendationQuery query, out ProblemHttpResult? problem)
    {
        query = RecommendationQuery.Default;
        if (!QueryParsing.TryInt(q["min_year"], "min_year", MinYear, MaxYear, 0, out int minYear, out problem)
            || !QueryParsing.TryInt(q["max_year"], "max_year", MinYear, MaxYear, 0, out int maxYear, out problem)
            || !TryGenres(q["genres"], "genres", out var genres, out problem)
            || !TryGenres(q["exclude_genres"], "exclude_genres", out var excluded, out problem)
            || !TryContentType(q["type"], out string contentType, out problem)
            || !TryObscurity(q["obscurity"], out float? obscurity, out problem))
            return false;
        if (minYear != 0 && maxYear != 0 && minYear > maxYear)
        {
            problem = Problems.InvalidParameter($"'min_year' ({minYear}) must not be after 'max_year' ({maxYear})");
            return false;
        }
        // Filters given but empty ("genres=&type=movie") leave the default, which needs no object of its own.
        if (minYear == 0 && maxYear == 0 && genres.Length == 0 && excluded.Length == 0 && obscurity is null
            && contentType == RecommendationQuery.Default.ContentType)
            return true;
        query = new RecommendationQuery
        {
            MinYear = minYear == 0 ? null : minYear,
            MaxYear = maxYear == 0 ? null : maxYear,
            Genres = genres,
            ExcludeGenres = excluded,
            ContentType = contentType,
            Obscurity = obscurity,
        };
        return true;
    }

    /// <summary>json (the default) or csv; anything else is a 400.</summary>
    public static bool TryFormat(ReadOnlySpan<char> raw, out bool csv, out ProblemHttpResult? problem)
    {
        problem = null;
        csv = raw.Equals("csv", StringComparison.OrdinalIgnoreCase);
        if (csv || raw.IsEmpty || raw.Equals("json", StringComparison.OrdinalIgnoreCase))
            return true;
        problem = Problems.InvalidParameter($"'format' must be json or csv; got '{Truncate(raw.ToString())}'");
        return false;
    }

    private static bool TryGenres(string? raw, string name, out string[] genres, out ProblemHttpResult? problem)
    {
        genres = [];
        problem = null;
        if (string.IsNullOrWhiteSpace(raw))
            return true;
        if (raw.Length > MaxGenres * (MaxGenreLength + 1))
        {
            problem = Problems.InvalidParameter($"'{name}' is too long: at most {MaxGenres} genres of {MaxGenreLength} characters");
            return false;
        }
        genres = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (genres.Length > MaxGenres)
        {
            problem = Problems.InvalidParameter($"'{name}' lists {genres.Length} genres; at most {MaxGenres} are allowed");
            return false;
        }
        if (genres.FirstOrDefault(g => g.Length > MaxGenreLength) is { } longGenre)
        {
            problem = Problems.InvalidParameter($"'{name}': genre '{Truncate(longGenre)}' is longer than {MaxGenreLength} characters");
            return false;
        }
        return true;
    }

    private static bool TryContentType(string? raw, out string contentType, out ProblemHttpResult? problem)
    {
        problem = null;
        contentType = string.IsNullOrEmpty(raw) ? "movie" : raw.ToLowerInvariant();
        if (ContentTypes.Contains(contentType))
            return true;
        problem = Problems.InvalidParameter($"'type' must be movie, tv or any; got '{Truncate(raw!)}'");
        return false;
    }

    private static bool TryObscurity(string? raw, out float? obscurity, out ProblemHttpResult? problem)
    {
        problem = null;
        obscurity = null;
        if (string.IsNullOrEmpty(raw))
            return true;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is >= 0 and <= 1)
        {
            obscurity = (float)value;
            return true;
        }
        problem = Problems.InvalidParameter($"'obscurity' must be a number from 0 (popular) to 1 (deep cuts); got '{Truncate(raw)}'");
        return false;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
