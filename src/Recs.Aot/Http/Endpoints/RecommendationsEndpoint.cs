using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;

namespace Recs.Aot.Http.Endpoints;

internal static class RecommendationsEndpoint
{
    /// <summary>
    /// GET /api/recomendacoes/{username}?limit=N: recommendations (mode ultra_fast, computed, fallback or error).
    /// 200 unless nothing could be computed (error, 503 with Retry-After); invalid input → 400 problem+json.
    /// </summary>
    public static RouteGroupBuilder MapRecommendations(this RouteGroupBuilder api)
    {
        api.MapGet("/recomendacoes/{username}", Handle);
        return api;
    }

    private static Results<JsonHttpResult<RecommendationResponse>, ProblemHttpResult> Handle(
        string username, string? limit, RecommendationService service, HttpContext http)
    {
        if (!QueryParsing.TryUsername(username, out var name, out var problem))
            return problem!;
        if (!QueryParsing.TryInt(limit, "limit", 1, RecommendationService.MaxLimit, RecommendationService.DefaultLimit, out int n, out problem))
            return problem!;
        var response = service.Recommend(name, n);
        if (response.Mode == RecommendationMode.Error)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Json(response, RecsJsonContext.Web.RecommendationResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.Json(response, RecsJsonContext.Web.RecommendationResponse);
    }
}
