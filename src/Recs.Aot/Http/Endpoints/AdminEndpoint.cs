using Microsoft.Extensions.Options;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Contracts;

namespace Recs.Aot.Http.Endpoints;

internal static class AdminEndpoint
{
    /// <summary>
    /// POST /api/admin/retrain: reloads the data and retrains in the background, answering 202 with the training state
    /// at once; 401 without the bearer token when Recs:AdminToken is set, 403 from a non-loopback caller when it is not
    /// (see <see cref="AdminAccess"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/retrain", Retrain);
        return app;
    }

    private static IResult Retrain(HttpRequest request, ModelLoader loader, ModelState state, IOptions<RecsOptions> options)
    {
        switch (AdminAccess.Decide(options.Value.AdminToken, request.Headers.Authorization.ToString(), request.HttpContext.Connection.RemoteIpAddress))
        {
            case AdminAccess.Decision.Unauthorized:
                request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return Problems.WithStatus(StatusCodes.Status401Unauthorized, "Unauthorized", "send Authorization: Bearer <Recs:AdminToken>");
            case AdminAccess.Decision.Forbidden:
                return Problems.WithStatus(StatusCodes.Status403Forbidden, "Forbidden", "without Recs:AdminToken the admin endpoints answer only loopback callers");
        }
        bool queued = loader.RequestRetrain();
        var body = new RetrainResponse(queued ? "queued" : "already_queued", state.Training, state.LastTrainingError);
        return TypedResults.Json(body, RecsJsonContext.Web.RetrainResponse, statusCode: StatusCodes.Status202Accepted);
    }
}
