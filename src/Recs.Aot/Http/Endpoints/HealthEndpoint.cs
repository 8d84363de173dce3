using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Contracts;
using Recs.Engine.Model;
using Recs.Engine.Serving;
using Recs.Engine.Storage;

namespace Recs.Aot.Http.Endpoints;

internal static class HealthEndpoint
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// GET /health: healthy (200) when the database answers and a model serves; degraded (200) when one of the two is
    /// missing but the service still answers (fallbacks); unhealthy (503) when model building failed and nothing serves.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Handle);
        return app;
    }

    private static TrainedModelHealth Trained(ModelHeader? h, ModelState state) =>
        new(h is not null, h?.Version, h?.TrainedAt, h is null ? null : state.ModelSource, h?.ClusterCount ?? 0, h?.TasteRank ?? 0,
            h?.RankingRank ?? 0, h?.RatingCount ?? 0, state.Training, state.LastTrainingError);

    private static async Task<JsonHttpResult<HealthResponse>> Handle(
        IRatingStore store, StoreTarget target, ModelHolder holder, ModelState modelState, CancellationToken ct)
    {
        DatabaseHealth database;
        CountsInfo? counts = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(DatabaseTimeout);
            try
            {
                var latency = await store.PingAsync(timeout.Token);
                var c = await store.CountAsync(timeout.Token);
                counts = new CountsInfo(c.Users, c.Films, c.Ratings);
                database = new DatabaseHealth(store.Kind, target.Description, true, System.Math.Round(latency.TotalMilliseconds, 3), null);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                string error = e is OperationCanceledException ? $"no answer within {DatabaseTimeout.TotalSeconds:0}s" : e.Message;
                database = new DatabaseHealth(store.Kind, target.Description, false, null, error);
            }
        }

        var model = holder.Current;
        var modelHealth = new ModelHealth(modelState.State, model?.Version, model?.BuiltAt,
            model?.Data.UserCount ?? 0, model?.Data.FilmCount ?? 0, model?.Data.RatingCount ?? 0, modelState.LastError,
            Trained(model?.Trained?.Header, modelState));
        string status = (database.Reachable, model is not null, modelState.State) switch
        {
            (true, true, _) => "healthy",
            (_, false, "failed") => "unhealthy",
            _ => "degraded",
        };
        var body = new HealthResponse(status, database, counts, modelHealth, modelState.DemoData,
            System.Math.Round((DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds, 1));
        return TypedResults.Json(body, RecsJsonContext.Web.HealthResponse,
            statusCode: status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
