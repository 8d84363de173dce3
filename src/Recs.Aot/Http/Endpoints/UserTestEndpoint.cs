using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;

namespace Recs.Aot.Http.Endpoints;

internal static class UserTestEndpoint
{
    /// <summary>GET /api/test/{username}: whether the user has ratings and how many, from the serving data and newer uploads.</summary>
    public static RouteGroupBuilder MapUserTest(this RouteGroupBuilder api)
    {
        api.MapGet("/test/{username}", static Results<Ok<UserTestResponse>, ProblemHttpResult> (string username, ModelHolder holder, PersonResolver people) =>
        {
            if (!QueryParsing.TryUsername(username, out var name, out var problem))
                return problem!;
            // Someone who uploaded since the serving data was read exists already, with every rating stored for them.
            var person = holder.Current is { } model ? people.Resolve(model, name) : default;
            return TypedResults.Ok(new UserTestResponse(name, person.HasRatings, person.Films.Length));
        });
        return api;
    }
}
