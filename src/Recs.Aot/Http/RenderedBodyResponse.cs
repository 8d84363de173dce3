using System.Runtime.CompilerServices;
using Recs.Aot.Recommendations;

namespace Recs.Aot.Http;

/// <summary>
/// Sends a cached answer's rendered body: status, JSON content type and exact Content-Length, then the bytes straight
/// into the response pipe, which Kestrel flushes when the request ends. Nothing is allocated per request.
/// </summary>
internal static class RenderedBodyResponse
{
    /// <summary>The content type the JSON results of the other modes send.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    [SkipLocalsInit]
    public static IResult Write(HttpResponse response, RenderedRecommendations body, int items, double elapsedMs)
    {
        Span<byte> elapsed = stackalloc byte[RenderedRecommendations.MaxElapsedBytes];
        int elapsedBytes = RenderedRecommendations.FormatElapsed(elapsedMs, elapsed);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length(items, elapsedBytes);
        body.Write(response.BodyWriter, items, elapsed[..elapsedBytes]);
        return TypedResults.Empty;
    }
}
