using Recs.Aot.Http.OpenApi;

namespace Recs.Aot.Http.Endpoints;

internal static class PingEndpoint
{
    /// <summary>GET /ping: liveness only, a constant four-byte body that touches nothing else.</summary>
    public static IEndpointRouteBuilder MapPing(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ping", static () => TypedResults.Text("pong"))
            .WithName("Ping").WithTags(ApiTags.Probes)
            .WithSummary("Liveness")
            .WithDescription("Answers `pong` as long as the process serves HTTP; touches nothing else.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }
}
