using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;

namespace Recs.Aot.Http.Endpoints;

internal static class PreloadEndpoint
{
    public const int MaxCount = 10_000;

    /// <summary>GET /api/preload?count=N: starts caching the N most active users in the background, or reports the running job's progress.</summary>
    public static RouteGroupBuilder MapPreload(this RouteGroupBuilder api)
    {
        api.MapGet("/preload", static Results<Ok<PreloadResponse>, ProblemHttpResult> (string? count, PreloadCoordinator preload) =>
        {
            if (!QueryParsing.TryInt(count, "count", 1, MaxCount, 100, out int n, out var problem))
                return problem!;
            return TypedResults.Ok(preload.StartOrReport(n));
        });
        return api;
    }
}
