using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Storage;
using Recs.Storage.Import;
using Recs.Aot.Http.OpenApi;

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

    /// <summary>Content types taken as an export zip.</summary>
    public static readonly string[] ZipMediaTypes = ["application/zip", "application/x-zip-compressed", "application/x-zip"];

    /// <summary>Content types taken as ratings.csv (a zip sent under one of them is recognised by its signature).</summary>
    public static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain", "application/octet-stream"];

    /// <summary>
    /// POST /api/users/{username}/ratings?limit=N with a Letterboxd ratings.csv (text/csv) or account export zip
    /// (application/zip, or one multipart/form-data file): 201 for a new person, 200 when merged into an existing one,
    /// with match counts and recommendations. Bad files → 400, over 5 MB (or a zip inflating past 20 MB) → 413, other or
    /// no Content-Type → 415, more uploads than <see cref="UploadSlots"/> admits → 429; no right to write this person →
    /// 401/403; the database unavailable → 503 with Retry-After. Nothing is stored unless the answer is 2xx. The body is
    /// parsed as it arrives.
    /// </summary>
    public static RouteGroupBuilder MapRatingsUpload(this RouteGroupBuilder api)
    {
        api.MapPost("/users/{username}/ratings", Handle)
            .WithName("UploadRatings").WithTags(ApiTags.Uploads)
            .WithSummary("Bring a Letterboxd export")
            .WithDescription("Matches the export's films to the catalogue, stores the matched ratings in one transaction and " +
                "folds the person into the model at once, so the answer carries recommendations and later requests are " +
                "personalised. A 2xx means the upload is stored and will be served across reloads, trainings and restarts; " +
                "every refusal stores nothing. The first upload for a username creates it; later ones need its write token " +
                "or the API key.")
            .Produces<RatingsUploadResponse>(StatusCodes.Status201Created)
            .Produces<RatingsUploadResponse>(StatusCodes.Status200OK)
            .AddOpenApiOperationTransformer(RatingsUploadDescription.TransformAsync);
        return api;
    }

    private static async Task<Results<JsonHttpResult<RatingsUploadResponse>, ProblemHttpResult>> Handle(
        string username, string? limit, HttpContext http, ModelHolder holder, RatingsUploadService uploads, UploadSlots slots,
        RecsMetrics metrics, IOptions<RecsOptions> options, ILoggerFactory logs)
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
        // The minimum data rate alone lets a patient client hold a slot for hours (5 MB at 240 B/s); the whole body
        // must also arrive within a deadline.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(System.Math.Max(1, options.Value.UploadReadSeconds)));
        LetterboxdUpload upload;
        try
        {
            upload = await RequestBody.ReadAsync(request, MaxBodyBytes,
                (body, ct) => LetterboxdUploadReader.ReadAsync(body, zip == true, MaxBodyBytes, MaxInflatedBytes, ct), deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            return Problems.MalformedRequest(StatusCodes.Status408RequestTimeout,
                $"the upload did not arrive within {options.Value.UploadReadSeconds}s; nothing was stored");
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
        catch (UnknownFilmException e)
        {
            // Matched against the serving catalogue, refused by the store's: the catalogue changed in between.
            return Problems.WithStatus(StatusCodes.Status409Conflict, "Catalogue changed",
                $"the film catalogue changed while the upload was matched ({e.Slug} is no longer in it); nothing was stored; retry");
        }
        catch (Exception e) when (StoreFailure.IsUnavailable(e))
        {
            logs.CreateLogger(typeof(RatingsUploadEndpoint)).LogWarning("upload for {User} not stored, the database is unavailable: {Error}", name, e.Message);
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("the database is unavailable, so nothing was stored; retry shortly");
        }
        metrics.UploadAnswered(result);
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

    // true = zip, false = CSV text or a multipart file (both sniffed for a zip), null = not an upload type. A missing
    // Content-Type is refused rather than taken as CSV, so a client that forgot it is told so instead of row errors.
    private static bool? DeclaredKind(string? contentType)
    {
        if (RequestBody.IsMultipartForm(contentType))
            return false;
        string media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return ZipMediaTypes.Contains(media) ? true : CsvMediaTypes.Contains(media) ? false : null;
    }
}
