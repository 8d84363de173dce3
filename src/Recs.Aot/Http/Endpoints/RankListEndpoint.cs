using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Http.OpenApi;
using Recs.Aot.Recommendations;
using Recs.Storage.Import;

namespace Recs.Aot.Http.Endpoints;

internal static class RankListEndpoint
{
    /// <summary>The largest accepted body: a thousand films with long list descriptions fit well within it.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// POST /api/recomendacoes/{username}/rank with <c>{"films": ["slug or Letterboxd URI", …]}</c> (application/json)
    /// or a Letterboxd list or watchlist export (text/csv): the films ordered by the person's predicted fit, those they
    /// rated apart, the unmatched entries echoed. A read: nothing is stored, no token is needed. Bad body or more than
    /// <see cref="ListRanker.MaxFilms"/> films → 400, body over 1 MB → 413, other Content-Type → 415, no model → 503.
    /// </summary>
    public static RouteGroupBuilder MapRankList(this RouteGroupBuilder api)
    {
        api.MapPost("/recomendacoes/{username}/rank", Handle)
            .WithName("RankList").WithTags(ApiTags.Recommendations)
            .WithSummary("Rank a list for a person")
            .WithDescription("The films of a list (JSON `{\"films\": [slug or Letterboxd URI, …]}` or a Letterboxd list or " +
                "watchlist CSV export) ordered by the person's predicted fit, with reasons; films they rated are listed apart " +
                "and unmatched entries echoed. Nothing is stored. At most 1,000 films and 1 MB.")
            .Produces<RankResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<JsonHttpResult<RankResponse>, ProblemHttpResult>> Handle(string username, HttpContext http, ListRanker ranker)
    {
        if (!QueryParsing.TryUsername(username, out var name, out var problem))
            return problem!;
        var request = http.Request;
        bool? json = DeclaredKind(request.ContentType);
        if (json is null)
            return Problems.WithStatus(StatusCodes.Status415UnsupportedMediaType, "Unsupported list type",
                $"Content-Type '{request.ContentType}' is not accepted; send application/json ({{\"films\": [...]}}) or text/csv (a Letterboxd list or watchlist export)");
        if (request.ContentLength > MaxBodyBytes)
            return Problems.WithStatus(StatusCodes.Status413PayloadTooLarge, "List too large", $"the body is larger than {MaxBodyBytes / 1024} KB");

        List<RankEntry> entries;
        try
        {
            entries = await RequestBody.ReadAsync(request, MaxBodyBytes,
                (body, ct) => json == true ? ReadJsonAsync(body, ct) : ReadCsvAsync(body, ct), http.RequestAborted);
        }
        catch (ImportTooLargeException e)
        {
            return Problems.InvalidParameter(e.Message);
        }
        catch (ImportFormatException e)
        {
            return Problems.BadRequest("Invalid list", e.Message);
        }
        if (entries.Count == 0)
            return Problems.BadRequest("Invalid list", "the list holds no films");

        if (ranker.Rank(name, entries) is not { } response)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("no model is loaded yet; retry shortly");
        }
        return TypedResults.Json(response, RecsJsonContext.Web.RankResponse);
    }

    private static async Task<List<RankEntry>> ReadJsonAsync(Stream body, CancellationToken ct)
    {
        RankRequest? parsed;
        try
        {
            parsed = await JsonSerializer.DeserializeAsync(body, RecsJsonContext.Web.RankRequest, ct);
        }
        catch (JsonException e)
        {
            throw new ImportFormatException($"the body is not the JSON {{\"films\": [\"slug or Letterboxd URI\", …]}}: {e.Message}");
        }
        if (parsed?.Films is not { } films)
            throw new ImportFormatException("the body needs a \"films\" array of slugs or Letterboxd URIs");
        if (films.Count > ListRanker.MaxFilms)
            throw new ImportTooLargeException($"the list holds {films.Count} films; at most {ListRanker.MaxFilms} can be ranked at once");
        var entries = new List<RankEntry>(films.Count);
        foreach (string? film in films)
        {
            if (string.IsNullOrWhiteSpace(film))
                throw new ImportFormatException("every entry of \"films\" must be a non-empty string");
            entries.Add(RankEntry.FromId(film));
        }
        return entries;
    }

    private static async Task<List<RankEntry>> ReadCsvAsync(Stream body, CancellationToken ct)
    {
        using var text = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var films = await LetterboxdListReader.ReadAsync(text, ListRanker.MaxFilms, ct);
        return films.ConvertAll(f => new RankEntry(
            f.LetterboxdUri.Length > 0 ? f.LetterboxdUri : f.Year is { } year ? $"{f.Name} ({year})" : f.Name, f.LetterboxdUri, f.Name, f.Year));
    }

    // true = JSON, false = CSV, null = neither.
    private static bool? DeclaredKind(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "application/json" => true,
            "text/csv" or "application/csv" or "text/plain" => false,
            _ => null,
        };
}
