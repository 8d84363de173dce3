namespace Recs.Aot.Http.Endpoints;

internal static class PingEndpoint
{
    /// <summary>GET /ping: liveness only, a constant four-byte body that touches nothing else.</summary>
    public static IEndpointRouteBuilder MapPing(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ping", static () => TypedResults.Text("pong"));
        return app;
    }
}
