using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Contracts;

namespace Recs.Aot.Http.Endpoints;

internal static class AdminEndpoint
{
    /// <summary>
    /// POST /api/admin/retrain: reloads the data and retrains in the background, answering 202 with the training state
    /// at once; 401 without the bearer token when Recs:AdminToken is set.
    /// </summary>
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/retrain", Retrain);
        return app;
    }

    private static IResult Retrain(HttpRequest request, ModelLoader loader, ModelState state, IOptions<RecsOptions> options)
    {
        if (options.Value.AdminToken is { Length: > 0 } token && request.Headers.Authorization.ToString() != $"Bearer {token}")
            return TypedResults.Unauthorized();
        bool queued = loader.RequestRetrain();
        var body = new RetrainResponse(queued ? "queued" : "already_queued", state.Training, state.LastTrainingError);
        return TypedResults.Json(body, RecsJsonContext.Web.RetrainResponse, statusCode: StatusCodes.Status202Accepted);
    }
}
