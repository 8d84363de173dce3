using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Recs.Aot.Http.Access;

namespace Recs.Aot.Http.OpenApi;

/// <summary>Documents the 429 of every rate-limited endpoint, found from the endpoint's own rate-limiting metadata.</summary>
internal static class RateLimitedResponses
{
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<ClientRateLimited>().Any())
            return Task.CompletedTask;
        return ProblemResponses.AddAsync(operation, context, StatusCodes.Status429TooManyRequests,
            "Too many requests from this client address (per-client token bucket: Recs:RateLimitPermitsPerSecond, Recs:RateLimitBurst).",
            retryAfter: true, ct);
    }
}
