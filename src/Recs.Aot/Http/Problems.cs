using Microsoft.AspNetCore.Http.HttpResults;

namespace Recs.Aot.Http;

/// <summary>RFC 9457 problem+json results for bad input, each with a stable type URI and a message that says what to fix.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string title, string detail) => WithStatus(StatusCodes.Status400BadRequest, title, detail);

    /// <summary>A problem with any status; the type URI is derived from the title.</summary>
    public static ProblemHttpResult WithStatus(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title,
            type: "https://recs.dev/problems/" + title.ToLowerInvariant().Replace(' ', '-'));

    public static ProblemHttpResult InvalidUpload(string detail) => BadRequest("Invalid upload", detail);

    public static ProblemHttpResult UploadTooLarge(string detail) => WithStatus(StatusCodes.Status413PayloadTooLarge, "Upload too large", detail);

    public static ProblemHttpResult UnsupportedUpload(string detail) => WithStatus(StatusCodes.Status415UnsupportedMediaType, "Unsupported upload type", detail);

    public static ProblemHttpResult Unavailable(string detail) => WithStatus(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

    public static ProblemHttpResult InvalidUsername(string detail) => BadRequest("Invalid username", detail);

    public static ProblemHttpResult InvalidParameter(string detail) => BadRequest("Invalid parameter", detail);

    /// <summary>429 for an upload refused because as many as the service processes at once are running; the caller sets Retry-After.</summary>
    public static ProblemHttpResult TooManyUploads(string detail) => WithStatus(StatusCodes.Status429TooManyRequests, "Too many uploads", detail);

    /// <summary>
    /// A request refused while its body was read (bad framing, too slow, too large, broken multipart): 400 "Malformed
    /// request", 408 "Request timeout", 413 "Request too large", any other status titled by its reason phrase.
    /// </summary>
    public static ProblemHttpResult MalformedRequest(int status, string detail) => WithStatus(status, status switch
    {
        StatusCodes.Status400BadRequest => "Malformed request",
        StatusCodes.Status408RequestTimeout => "Request timeout",
        StatusCodes.Status413PayloadTooLarge => "Request too large",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Bad request",
    }, detail);
}
