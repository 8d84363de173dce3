using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
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
    /// with match counts and recommendations. Bad files → 400, over 5 MB → 413, other types → 415; nothing is stored then.
    /// </summary>
    public static RouteGroupBuilder MapRatingsUpload(this RouteGroupBuilder api)
    {
        api.MapPost("/users/{username}/ratings", Handle);
        return api;
    }

    private static async Task<Results<JsonHttpResult<RatingsUploadResponse>, ProblemHttpResult>> Handle(
        string username, string? limit, HttpContext http, ModelHolder holder, RatingsUploadService uploads, ILoggerFactory logs)
    {
        if (!QueryParsing.TryUsername(username, out var name, out var problem))
            return problem!;
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

        RatingsUploadResponse response;
        try
        {
            response = await uploads.ApplyAsync(name, upload, model, n, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logs.CreateLogger(typeof(RatingsUploadEndpoint)).LogWarning("upload for {User} failed: {Error}", name, e.Message);
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("the ratings could not be stored; the database may be unreachable");
        }
        int status = response.NewUser && response.RatingsStored > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        if (status == StatusCodes.Status201Created)
            http.Response.Headers.Location = $"/api/recomendacoes/{name}";
        return TypedResults.Json(response, RecsJsonContext.Web.RatingsUploadResponse, statusCode: status);
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
