using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Http.OpenApi;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;

namespace Recs.Aot.Http.Endpoints;

internal static class RecommendationsEndpoint
{
    /// <summary>
    /// GET /api/recomendacoes/{username}?limit=N&amp;min_year&amp;max_year&amp;genres&amp;exclude_genres&amp;type&amp;obscurity&amp;format:
    /// recommendations (mode ultra_fast, computed, fallback or error) as JSON or Letterboxd-importable CSV.
    /// 200 unless nothing could be computed (error, 503 with Retry-After); invalid input → 400 problem+json.
    /// </summary>
    public static RouteGroupBuilder MapRecommendations(this RouteGroupBuilder api)
    {
        // The services are singletons taken once here, and the query is read from the raw query string: a parameter
        // bound from services or from the query costs a request-services scope or a query collection per request.
        var service = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<RecommendationService>();
        var holder = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<ModelHolder>();
        var metrics = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<RecsMetrics>();
        api.MapGet("/recomendacoes/{username}", (string username, HttpContext http) => Handle(username, service, holder, metrics, http))
            .WithName("Recommendations").WithTags(ApiTags.Recommendations)
            .WithSummary("Recommendations for a person")
            .WithDescription("Films the person will probably like, best first, each with a reason. Films they rated (and, for " +
                "uploaded exports, watched or watchlisted) are never recommended. Only the bare query (no option but limit) is " +
                "cached, so filtered lists are computed or fallback, never ultra_fast. `format=csv` answers a list Letterboxd's " +
                "importer reads.")
            .Produces<RecommendationResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<RecommendationResponse>(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(RecommendationsDescription.TransformAsync);
        return api;
    }

    internal static IResult Handle(string username, RecommendationService service, ModelHolder holder, RecsMetrics metrics, HttpContext http)
    {
        if (!QueryParsing.TryUsername(username, out var name, out var problem))
            return problem!;
        if (!RecommendationQueryParsing.TryParseRequest(http.Request, out int n, out var query, out bool csv, out problem))
            return problem!;
        // A cache hit for a JSON answer is written straight from the cached list; everything else builds a response.
        bool direct = !csv && RecommendationService.IsDefault(query);
        if (direct && service.TryCached(name, n, out var answer))
        {
            metrics.RecommendationServed(RecommendationMode.UltraFast);
            return CachedBodyResponse.Write(http.Response, answer);
        }
        var response = service.Recommend(name, n, query, useCache: !direct);
        metrics.RecommendationServed(response.Mode);
        return Answer(response, csv, name, holder, http);
    }

    private static Results<JsonHttpResult<RecommendationResponse>, ContentHttpResult> Answer(
        RecommendationResponse response, bool csv, string name, ModelHolder holder, HttpContext http)
    {
        if (response.Mode == RecommendationMode.Error)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Json(response, RecsJsonContext.Web.RecommendationResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (csv)
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"recs-{name}.csv\"";
            http.Response.Headers["X-Recs-Mode"] = response.Mode;
            return TypedResults.Text(LetterboxdListCsv.Write(response.Items, holder.Current?.Data), LetterboxdListCsv.ContentType);
        }
        return TypedResults.Json(response, RecsJsonContext.Web.RecommendationResponse);
    }
}
