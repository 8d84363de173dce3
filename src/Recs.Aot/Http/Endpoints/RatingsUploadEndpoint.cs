using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
using Recs.Storage.Import;

namespace Recs.Aot.Http.Endpoints;

internal static class RatingsUploadEndpoint
{
    /// <summary>The largest accepted body.</summary>
    public const int MaxBodyBytes = 5 * 1024 * 1024;

    /// <summary>
    /// The most a zip's entries may inflate to in all. The largest real exports (tens of thousands of ratings) inflate
    /// to a few MB; parsed rows take about 3.5 times their CSV size (see LetterboxdUploadReaderTests), so this keeps
    /// the rows of one upload under about 75 MB.
    /// </summary>
    public const long MaxInflatedBytes = 20L * 1024 * 1024;

    /// <summary>
    /// POST /api/users/{username}/ratings?limit=N with a Letterboxd ratings.csv (text/csv) or account export zip
    /// (application/zip, or one multipart/form-data file): 201 for a new person, 200 when merged into an existing one,
    /// with match counts and recommendations. Bad files → 400, over 5 MB (or a zip inflating past 20 MB) → 413, other or
    /// no Content-Type → 415, more uploads than <see cref="UploadSlots"/> admits → 429; nothing is stored then. The body
    /// is parsed as it arrives.
    /// </summary>
    public static RouteGroupBuilder MapRatingsUpload(this RouteGroupBuilder api)
    {
        api.MapPost("/users/{username}/ratings", Handle);
        return api;
    }

    private static async Task<Results<JsonHttpResult<RatingsUploadResponse>, ProblemHttpResult>> Handle(
        string username, string? limit, HttpContext http, ModelHolder holder, RatingsUploadService uploads, UploadSlots slots, ILoggerFactory logs)
    {
        if (!QueryParsing.TryUsername(username, out var name, out var problem))
            return problem!;
        if (!QueryParsing.TryInt(limit, "limit", 1, RecommendationService.MaxLimit, RecommendationService.DefaultLimit, out int n, out problem))
            return problem!;
        var request = http.Request;
        bool? zip = DeclaredKind(request.ContentType);
        if (zip is null)
            return Problems.UnsupportedUpload(request.ContentType is { Length: > 0 } type
                ? $"Content-Type '{type}' is not accepted; send text/csv (ratings.csv), application/zip (the export) or multipart/form-data with one file"
                : "the upload has no Content-Type; send text/csv (ratings.csv), application/zip (the export) or multipart/form-data with one file");
        if (request.ContentLength > MaxBodyBytes)
            return Problems.UploadTooLarge($"the upload is larger than {MaxBodyBytes / (1024 * 1024)} MB");
        if (holder.Current is not { } model)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("no model is loaded yet, so uploaded films cannot be matched; retry shortly");
        }

        using var slot = await slots.EnterAsync(http.RequestAborted);
        if (!slot.IsAcquired)
        {
            http.Response.Headers.RetryAfter = UploadSlots.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.TooManyUploads($"{slots.Capacity} upload(s) are being processed, the most at once; retry after {UploadSlots.RetryAfterSeconds}s");
        }

        // Malformed bodies (bad framing, too slow, broken multipart) throw past here and are answered by MalformedRequests.
        LetterboxdUpload upload;
        try
        {
            upload = await RequestBody.ReadAsync(request, MaxBodyBytes,
                (body, ct) => LetterboxdUploadReader.ReadAsync(body, zip == true, MaxBodyBytes, MaxInflatedBytes, ct), http.RequestAborted);
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

    // true = zip, false = CSV text or a multipart file (both sniffed for a zip), null = not an upload type. A missing
    // Content-Type is refused rather than taken as CSV, so a client that forgot it is told so instead of row errors.
    private static bool? DeclaredKind(string? contentType)
    {
        if (RequestBody.IsMultipartForm(contentType))
            return false;
        string media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "application/zip" or "application/x-zip-compressed" or "application/x-zip" => true,
            "text/csv" or "application/csv" or "text/plain" or "application/octet-stream" => false,
            _ => null,
        };
    }
}
