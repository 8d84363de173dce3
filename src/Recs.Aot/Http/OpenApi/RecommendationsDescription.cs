using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Recs.Aot.Recommendations;

namespace Recs.Aot.Http.OpenApi;

/// <summary>
/// The query options of <c>GET /api/recomendacoes/{username}</c>, which the handler reads from the raw query (see
/// <see cref="RecommendationQueryParsing"/>), so no parameter list of its own shows them; their ranges come from the
/// same constants the parser checks. Also the CSV answer and the README's examples.
/// </summary>
internal static class RecommendationsDescription
{
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        string[] options = ["limit", "min_year", "max_year", "genres", "exclude_genres", "type", "obscurity", "format"];
        var parameters = operation.Parameters ?? [];
        operation.Parameters = [.. parameters.Where(p => p.In != ParameterLocation.Query || !options.Contains(p.Name)), .. Options()];

        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse okResponse)
        {
            okResponse.Description = "The list. `mode` says how it was made: ultra_fast (from the 5-minute cache), computed, " +
                "or fallback (unknown person, or the time budget ran out: popular films the person has not rated).";
            if (okResponse.Content?.TryGetValue("application/json", out var json) == true)
                json.Examples = RecommendationExamples.Json();
            okResponse.Content ??= new Dictionary<string, OpenApiMediaType>();
            okResponse.Content[LetterboxdListCsv.ContentType.Split(';')[0]] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Title,Year,LetterboxdURI rows, RFC 4180 quoting, CRLF line ends." },
                Examples = RecommendationExamples.LetterboxdCsv(),
            };
            okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            okResponse.Headers["X-Recs-Mode"] = new OpenApiHeader
            {
                Description = "With format=csv: the mode of the list (ultra_fast, computed, fallback).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        if (operation.Responses?.TryGetValue("400", out var bad) == true && bad is OpenApiResponse badResponse)
        {
            badResponse.Description = "The username or an option is invalid; `detail` names it and its allowed values.";
            if (badResponse.Content?.TryGetValue(ProblemResponses.MediaType, out var problem) == true)
                problem.Examples = RecommendationExamples.Problem();
        }
        if (operation.Responses?.TryGetValue("503", out var unavailable) == true && unavailable is OpenApiResponse unavailableResponse)
        {
            unavailableResponse.Description = "mode error: no model could be loaded yet (e.g. the database was never reached).";
            unavailableResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            unavailableResponse.Headers[RetryAfter.Name] = RetryAfter.Header();
        }
        return Task.CompletedTask;
    }

    private static IEnumerable<OpenApiParameter> Options()
    {
        yield return Query("limit", "Length of the list.", Integer(1, RecommendationService.MaxLimit, RecommendationService.DefaultLimit));
        yield return Query("min_year", "Only films released in or after this year; films without a year are left out when a bound is set.",
            Integer(RecommendationQueryParsing.MinYear, RecommendationQueryParsing.MaxYear));
        yield return Query("max_year", "Only films released in or before this year; must not be before min_year.",
            Integer(RecommendationQueryParsing.MinYear, RecommendationQueryParsing.MaxYear));
        yield return Query("genres", $"Comma-separated, at most {RecommendationQueryParsing.MaxGenres} genres of up to " +
            $"{RecommendationQueryParsing.MaxGenreLength} characters: only films with at least one of them (case-insensitive).",
            GenreList(), example: JsonValue.Create("horror,thriller"));
        yield return Query("exclude_genres", "Same form as genres: no film with any of these genres.", GenreList(), example: JsonValue.Create("documentary,animation"));
        yield return Query("type", "movie (the default: TV is left out unless asked for), tv or any.", Choice("movie", "movie", "tv", "any"));
        yield return Query("obscurity", "0 favours widely rated films, 0.5 is neutral, 1 favours rarely rated ones. Absent: the model's own ranking.",
            new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "1" }, example: JsonValue.Create(0.8));
        yield return Query("format", "json, or csv for a list Letterboxd's importer reads (sent as an attachment).", Choice("json", "json", "csv"));
    }

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema, JsonNode? example = null) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = schema,
        Example = example,
    };

    private static OpenApiSchema Integer(int min, int max, int? fallback = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = min.ToString(CultureInfo.InvariantCulture),
        Maximum = max.ToString(CultureInfo.InvariantCulture),
        Default = fallback is { } d ? JsonValue.Create(d) : null,
    };

    private static OpenApiSchema GenreList() => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = RecommendationQueryParsing.MaxGenres * (RecommendationQueryParsing.MaxGenreLength + 1),
    };

    private static OpenApiSchema Choice(string fallback, params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))],
        Default = JsonValue.Create(fallback),
    };
}
