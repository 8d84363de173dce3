using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Aot.Http.OpenApi;

namespace Recs.Aot.Http.Endpoints;

internal static class PreloadEndpoint
{
    /// <summary>
    /// The most users one preload may warm: about a fifth of what the default cache holds (Recs:CacheMaxMegabytes, 16,
    /// about 4,900 lists), so a preload cannot push out most of the lists real requests are using, and a run stays short
    /// (the README's 500 users took 0.16 s on the million-rating set).
    /// </summary>
    public const int MaxCount = 1_000;

    /// <summary>
    /// GET /api/preload?count=N (operator only, N in 1–1000, default 100): starts caching the N most active users in
    /// the background, or reports the running job's progress.
    /// </summary>
    public static RouteGroupBuilder MapPreload(this RouteGroupBuilder api)
    {
        api.MapGet("/preload", static Results<Ok<PreloadResponse>, ProblemHttpResult> (string? count, PreloadCoordinator preload) =>
        {
            if (!QueryParsing.TryInt(count, "count", 1, MaxCount, 100, out int n, out var problem))
                return problem!;
            return TypedResults.Ok(preload.StartOrReport(n));
        }).RequireOperator()
            .WithName("Preload").WithTags(ApiTags.Operator)
            .WithSummary("Warm the cache for the most active users")
            .WithDescription($"Starts caching the `count` (1–{MaxCount}, default 100) most active users in the background, one run " +
                "at a time on at most half the cores, or reports the running job's progress; repeat the call to read it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer(PreloadDescription.TransformAsync);
        return api;
    }
}
