using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Serving;

namespace Recs.Aot.Http.Endpoints;

internal static class UserTestEndpoint
{
    /// <summary>GET /api/test/{username}: whether the user exists and how many ratings they have, from the in-memory index.</summary>
    public static RouteGroupBuilder MapUserTest(this RouteGroupBuilder api)
    {
        api.MapGet("/test/{username}", static Results<Ok<UserTestResponse>, ProblemHttpResult> (string username, ModelHolder holder) =>
        {
            if (!QueryParsing.TryUsername(username, out var name, out var problem))
                return problem!;
            var data = holder.Current?.Data;
            if (data is null || !data.UserIndex.TryGetValue(name, out int u))
                return TypedResults.Ok(new UserTestResponse(name, false, 0));
            return TypedResults.Ok(new UserTestResponse(name, true, data.UserOffsets[u + 1] - data.UserOffsets[u]));
        });
        return api;
    }
}
