using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Http.OpenApi;

namespace Recs.Aot.Http.Endpoints;

internal static class AdminEndpoint
{
    /// <summary>
    /// POST /api/admin/retrain (operator only): reloads the data and retrains in the background, answering 202 with the
    /// training state at once.
    /// </summary>
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/retrain", Retrain).RequireOperator()
            .WithName("Retrain").WithTags(ApiTags.Operator)
            .WithSummary("Reload the data and train now")
            .WithDescription("Queues a reload and training in the background unless one is queued already; the service keeps " +
                "answering from the current model and swaps the new one in when it is ready.")
            .Produces<RetrainResponse>(StatusCodes.Status202Accepted);
        return app;
    }

    private static IResult Retrain(ModelLoader loader, ModelState state)
    {
        bool queued = loader.RequestRetrain();
        var body = new RetrainResponse(queued ? "queued" : "already_queued", state.Training, state.LastTrainingError);
        return TypedResults.Json(body, RecsJsonContext.Web.RetrainResponse, statusCode: StatusCodes.Status202Accepted);
    }
}
