using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Aot.Http.OpenApi;

namespace Recs.Aot.Http.Endpoints;

internal static class CacheEndpoint
{
    /// <summary>GET /api/cache/{username} (operator only): computes the user's list now and caches it; says whether it was cached already.</summary>
    public static RouteGroupBuilder MapCache(this RouteGroupBuilder api)
    {
        api.MapGet("/cache/{username}", static Results<Ok<CacheResponse>, ProblemHttpResult> (string username, RecommendationService service) =>
        {
            if (!QueryParsing.TryUsername(username, out var name, out var problem))
                return problem!;
            return TypedResults.Ok(service.Warm(name));
        }).RequireOperator()
            .WithName("WarmCache").WithTags(ApiTags.Operator)
            .WithSummary("Compute and cache a person's list now")
            .WithDescription("Computes the person's list (the top 100) and caches it for Recs:CacheTtlSeconds; says whether it was cached already.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }
}
