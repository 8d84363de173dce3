using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;

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
        }).RequireOperator();
        return api;
    }
}
