using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;

namespace Recs.Aot.Http.Endpoints;

internal static class UserTestEndpoint
{
    /// <summary>GET /api/test/{username}: whether the user exists and how many ratings they have, from the in-memory index and recent uploads.</summary>
    public static RouteGroupBuilder MapUserTest(this RouteGroupBuilder api)
    {
        api.MapGet("/test/{username}", static Results<Ok<UserTestResponse>, ProblemHttpResult> (string username, ModelHolder holder, UploadedUsers uploads) =>
        {
            if (!QueryParsing.TryUsername(username, out var name, out var problem))
                return problem!;
            var model = holder.Current;
            var data = model?.Data;
            // Someone who uploaded since the last model reload exists already, with their merged ratings.
            if (model is not null && uploads.TrySupersede(model, name, out var uploaded))
                return TypedResults.Ok(new UserTestResponse(name, uploaded!.Films.Length > 0, uploaded.Films.Length));
            if (data is null || !data.UserIndex.TryGetValue(name, out int u))
                return TypedResults.Ok(new UserTestResponse(name, false, 0));
            return TypedResults.Ok(new UserTestResponse(name, true, data.UserOffsets[u + 1] - data.UserOffsets[u]));
        });
        return api;
    }
}
