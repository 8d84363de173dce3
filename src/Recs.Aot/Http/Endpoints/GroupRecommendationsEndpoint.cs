using Recs.Aot.Http.Contracts;
using Recs.Aot.Http.OpenApi;
using Recs.Aot.Observability;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;

namespace Recs.Aot.Http.Endpoints;

internal static class GroupRecommendationsEndpoint
{
    /// <summary>The path segment that names the group endpoint where a username would otherwise stand.</summary>
    public const string Segment = "group";

    /// <summary>
    /// GET /api/recomendacoes/group?users=a,b[,c…]&amp;limit=N: films for 2–8 people watching together (none of them
    /// rated or excluded), each with every member's fit. Fewer or more names, a repeated or invalid one, or a bad limit
    /// → 400; a member nobody knows → 404 naming them; no trained model → 503. The literal segment wins over
    /// /recomendacoes/{username}: a person named "group" gets their own list here when <c>users</c> is absent.
    /// </summary>
    public static RouteGroupBuilder MapGroupRecommendations(this RouteGroupBuilder api)
    {
        api.MapGet("/recomendacoes/" + Segment, Handle)
            .WithName("GroupRecommendations").WithTags(ApiTags.Recommendations)
            .WithSummary("Films for people watching together")
            .WithDescription("Films none of 2–8 people (`users=a,b,…`) rated or excluded, scored by the mean of each member's " +
                "normalised fit minus a penalty for any member below 0.5, each item with every member's fit.")
            .Produces<GroupResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static IResult Handle(
        string? users, string? limit, string? format, GroupRecommender groups, UploadedUsers uploads,
        RecommendationService service, ModelHolder holder, RecsMetrics metrics, HttpContext http)
    {
        if (users is null && Knows(holder, uploads, Segment))
            return RecommendationsEndpoint.Handle(Segment, service, holder, metrics, http);
        if (!TryMembers(users, out var members, out var problem))
            return problem!;
        if (!QueryParsing.TryInt(limit, "limit", 1, RecommendationService.MaxLimit, RecommendationService.DefaultLimit, out int n, out problem))
            return problem!;
        var outcome = groups.Recommend(members, n);
        if (outcome.Untrained)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problems.Unavailable("group recommendations need the trained model, and none is serving yet");
        }
        if (outcome.Unknown is { } unknown)
            return Problems.WithStatus(StatusCodes.Status404NotFound, "Unknown user",
                $"'{unknown}' has no ratings here; every member must be in the data or have uploaded an export");
        return TypedResults.Json(outcome.Response!, RecsJsonContext.Web.GroupResponse);
    }

    private static bool TryMembers(string? users, out List<string> members, out Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? problem)
    {
        members = [];
        problem = null;
        var names = (users ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length is < GroupRecommender.MinMembers or > GroupRecommender.MaxMembers)
        {
            problem = Problems.InvalidParameter(
                $"'users' must name {GroupRecommender.MinMembers} to {GroupRecommender.MaxMembers} people separated by commas; got {names.Length}");
            return false;
        }
        foreach (string raw in names)
        {
            if (!QueryParsing.TryUsername(raw, out var name, out problem))
                return false;
            if (members.Contains(name))
            {
                problem = Problems.InvalidParameter($"'{name}' is named twice in 'users'; each member once");
                return false;
            }
            members.Add(name);
        }
        return true;
    }

    private static bool Knows(ModelHolder holder, UploadedUsers uploads, string username) =>
        uploads.Find(username) is not null || holder.Current?.Data.UserIndex.ContainsKey(username) == true;
}
