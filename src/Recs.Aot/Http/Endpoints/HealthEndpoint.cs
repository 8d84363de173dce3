using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Model;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Aot.Http.OpenApi;

namespace Recs.Aot.Http.Endpoints;

internal static class HealthEndpoint
{
    /// <summary>The readiness probe's path, which platform health checks (railway.json, docker-compose.yml) point at.</summary>
    public const string Path = "/health";

    /// <summary>
    /// GET /health, the readiness probe: 200 once a model serves — healthy with the database reachable, degraded without
    /// it (answers come from the loaded model and cache; uploads wait) — and 503 before: starting while the data is
    /// being read (or the database was never reached), unhealthy when building failed and nothing serves.
    /// /ping is the liveness probe. The database figures are at most a few seconds old (see StoreProbe).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Handle)
            .WithName("Health").WithTags(ApiTags.Probes)
            .WithSummary("Readiness: database, counts, model")
            .WithDescription("200 once a model serves: `healthy` with the database reachable, `degraded` without it (answers come " +
                "from the loaded model and cache; uploads wait). 503 before: `starting` while the data is read or the database " +
                "was never reached, `unhealthy` when building failed and nothing serves. The database figures are at most " +
                "Recs:HealthProbeCacheSeconds old.")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static TrainedModelHealth Trained(ModelHeader? h, ModelState state) =>
        new(h is not null, h?.Version, h?.TrainedAt, h is null ? null : state.ModelSource, h?.ClusterCount ?? 0, h?.TasteRank ?? 0,
            h?.RankingRank ?? 0, h?.RatingCount ?? 0, h?.DataSequence ?? 0, state.Training, state.LastTrainingError);

    private static async Task<JsonHttpResult<HealthResponse>> Handle(
        StoreProbe probe, UploadedUsers uploads, IReplicaCoordination replicas, ReplicaStatus replicaStatus, IRatingStore store, StoreTarget target, ModelHolder holder, ModelState modelState, CancellationToken ct)
    {
        var reading = await probe.ReadAsync(ct);
        var database = new DatabaseHealth(store.Kind, target.Description, reading.Reachable, reading.LatencyMs, reading.Error);
        CountsInfo? counts = reading.Counts is { } c ? new CountsInfo(c.Users, c.Films, c.Ratings) : null;

        var model = holder.Current;
        var modelHealth = new ModelHealth(modelState.State, model?.Version, model?.BuiltAt,
            model?.Data.UserCount ?? 0, model?.Data.FilmCount ?? 0, model?.Data.RatingCount ?? 0, model?.Data.Sequence ?? 0,
            model is null ? null : modelState.DataSource, uploads.Count, modelState.LastError,
            Trained(model?.Trained?.Header, modelState));
        // Ready means a recommendation for a known user is personalised: only a loaded model makes that true.
        string status = (model is not null, reading.Reachable, modelState.State) switch
        {
            (true, true, _) => "healthy",
            (true, false, _) => "degraded",
            (false, _, "failed") => "unhealthy",
            _ => "starting",
        };
        var replicasHealth = replicas.Shared
            ? new ReplicasHealth("shared", replicaStatus.Listening, replicaStatus.PublishedModelId, replicaStatus.LeaseHeldBy, replicaStatus.ChannelError)
            : new ReplicasHealth("single-process", false, 0, null, null);
        var body = new HealthResponse(status, database, counts, modelHealth, replicasHealth, modelState.DemoData,
            System.Math.Round((DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds, 1));
        return TypedResults.Json(body, RecsJsonContext.Web.HealthResponse,
            statusCode: model is null ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
