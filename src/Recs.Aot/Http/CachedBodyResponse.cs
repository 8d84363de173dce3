using System.Buffers;
using Recs.Aot.Recommendations;

namespace Recs.Aot.Http;

/// <summary>
/// Sends a cached answer: status, JSON content type and exact Content-Length, then the body, assembled in a pooled
/// buffer and copied into the response pipe, which Kestrel flushes when the request ends. The buffer comes from and
/// goes back to the shared array pool, so nothing is allocated per request.
/// </summary>
internal static class CachedBodyResponse
{
    /// <summary>The content type the JSON results of the other modes send.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public static IResult Write(HttpResponse response, in CachedAnswer answer)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(answer.MaxLength);
        try
        {
            int length = answer.Write(buffer);
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = length;
            response.BodyWriter.Write(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return TypedResults.Empty;
    }
}
