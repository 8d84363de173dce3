using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
using Recs.Aot.Http.OpenApi;

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
        })
            .WithName("UserExists").WithTags(ApiTags.Recommendations)
            .WithSummary("Does the user exist")
            .WithDescription("Whether the person has ratings and how many, from the served data and uploads newer than it.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }
}
