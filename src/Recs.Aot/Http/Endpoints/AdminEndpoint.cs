using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;

namespace Recs.Aot.Http.Endpoints;

internal static class AdminEndpoint
{
    /// <summary>
    /// POST /api/admin/retrain (operator only): reloads the data and retrains in the background, answering 202 with the
    /// training state at once.
    /// </summary>
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/retrain", Retrain).RequireOperator();
        return app;
    }

    private static IResult Retrain(ModelLoader loader, ModelState state)
    {
        bool queued = loader.RequestRetrain();
        var body = new RetrainResponse(queued ? "queued" : "already_queued", state.Training, state.LastTrainingError);
        return TypedResults.Json(body, RecsJsonContext.Web.RetrainResponse, statusCode: StatusCodes.Status202Accepted);
    }
}
