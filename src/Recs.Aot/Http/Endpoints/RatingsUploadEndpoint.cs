using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Storage;
using Recs.Storage.Import;

namespace Recs.Aot.Http.Endpoints;

internal static class RatingsUploadEndpoint
{
    /// <summary>The largest accepted body, and the most a zip may decompress to.</summary>
    public const int MaxBodyBytes = 5 * 1024 * 1024;
    public const long MaxDecompressedBytes = 50L * 1024 * 1024;

    /// <summary>
    /// POST /api/users/{username}/ratings?limit=N with a Letterboxd ratings.csv (text/csv) or account export zip
    /// (application/zip, or one multipart/form-data file): 201 for a new person, 200 when merged into an existing one,
    /// with match counts and recommendations. Bad files → 400, over 5 MB → 413, other types → 415; no right to write this
    /// person → 401/403; the database unavailable → 503 with Retry-After. Nothing is stored unless the answer is 2xx.
    /// </summary>
    public static RouteGroupBuilder MapRatingsUpload(this RouteGroupBuilder api)
    {
        api.MapPost("/users/{username}/ratings", Handle);
        return api;
    }

    private static async Task<Results<JsonHttpResult<RatingsUploadResponse>, ProblemHttpResult>> Handle(
        string username, string? limit, HttpContext http, ModelHolder holder, RatingsUploadService uploads,
        IOptions<RecsOptions> options, ILoggerFactory logs)
    {
        if (!QueryParsing.TryUsername(username, out var name, out var problem))
            return problem!;
        // The API key may write anyone; any other bearer value is taken as the person's own write token.
        string? presented = Bearer.TokenOf(http.Request.Headers.Authorization);
        var authority = Bearer.Matches(options.Value.ApiKey, presented) ? WriteAuthority.ApiKey : WriteAuthority.Person;
        if (!QueryParsing.TryInt(limit, "limit", 1, RecommendationService.MaxLimit, RecommendationService.DefaultLimit, out int n, out problem))
            return problem!;
        var request = http.Request;
        bool? zip = DeclaredKind(request.ContentType);
        if (zip is null && !request.HasFormContentType)
            return Problems.UnsupportedUpload($"Content-Type '{request.ContentType}' is not accepted; send text/csv (ratings.csv), application/zip (the export) or multipart/form-data with one file");
        if (holder.Current is not { } model)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("no model is loaded yet, so uploaded films cannot be matched; retry shortly");
        }

        byte[]? body;
        try
        {
            body = await RequestBody.ReadAsync(request, MaxBodyBytes, http.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            return Problems.InvalidUpload(e.Message);
        }
        if (body is null)
            return Problems.UploadTooLarge($"the upload is larger than {MaxBodyBytes / (1024 * 1024)} MB");
        if (body.Length == 0)
            return Problems.InvalidUpload("the body is empty; send a Letterboxd ratings.csv or export zip");

        LetterboxdUpload upload;
        try
        {
            upload = LetterboxdUploadReader.LooksLikeZip(body) || zip == true
                ? LetterboxdUploadReader.ReadZip(body, MaxDecompressedBytes)
                : LetterboxdUploadReader.ReadCsv(body);
        }
        catch (ImportTooLargeException e)
        {
            return Problems.UploadTooLarge(e.Message);
        }
        catch (ImportFormatException e)
        {
            return Problems.InvalidUpload(e.Message);
        }
        if (upload.Ratings.Malformed.Count > 0)
            return Problems.InvalidUpload($"{upload.Ratings.Malformed.Count} row(s) cannot be read, so nothing was stored: {string.Join("; ", upload.Ratings.Malformed.Messages.Take(5))}");
        if (upload.Ratings.Rows.Count == 0)
            return Problems.InvalidUpload("the export holds no ratings");

        UploadResult result;
        try
        {
            result = await uploads.ApplyAsync(name, upload, model, n, authority,
                authority == WriteAuthority.Person ? presented : null, http.RequestAborted);
        }
        catch (Exception e) when (StoreFailure.IsUnavailable(e))
        {
            logs.CreateLogger(typeof(RatingsUploadEndpoint)).LogWarning("upload for {User} not stored, the database is unavailable: {Error}", name, e.Message);
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("the database is unavailable, so nothing was stored; retry shortly");
        }
        return Reply(http, name, result);
    }

    private static Results<JsonHttpResult<RatingsUploadResponse>, ProblemHttpResult> Reply(HttpContext http, string name, UploadResult result)
    {
        if (result.Busy)
        {
            http.Response.Headers.RetryAfter = "10";
            return Problems.Unavailable("too many uploads are waiting for the next data reload; nothing was stored; retry shortly");
        }
        switch (result.Outcome)
        {
            case WriteOutcome.TokenRequired:
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Problems.WithStatus(StatusCodes.Status401Unauthorized, "Write token required",
                    $"'{name}' already exists; send the write token its first upload returned (Authorization: Bearer <token>) or the API key");
            case WriteOutcome.TokenRejected:
                return Problems.WithStatus(StatusCodes.Status403Forbidden, "Write token rejected", $"the token sent is not the write token of '{name}'");
            case WriteOutcome.ApiKeyRequired:
                return Problems.WithStatus(StatusCodes.Status403Forbidden, "API key required",
                    $"'{name}' came from an imported data set and can be written only with the service API key");
        }
        var response = result.Response!;
        if (result.Outcome == WriteOutcome.Created)
        {
            http.Response.Headers.Location = $"/api/recomendacoes/{name}";
            return TypedResults.Json(response, RecsJsonContext.Web.RatingsUploadResponse, statusCode: StatusCodes.Status201Created);
        }
        return TypedResults.Json(response, RecsJsonContext.Web.RatingsUploadResponse, statusCode: StatusCodes.Status200OK);
    }

    // true = zip, false = CSV text, null = not an upload type (multipart is handled apart). Octet-stream is sniffed later.
    private static bool? DeclaredKind(string? contentType)
    {
        string media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "application/zip" or "application/x-zip-compressed" or "application/x-zip" => true,
            "text/csv" or "application/csv" or "text/plain" or "application/octet-stream" or "" => false,
            _ => null,
        };
    }
}
