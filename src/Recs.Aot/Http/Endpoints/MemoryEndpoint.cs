using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Recs.Aot.Hosting;
using Recs.Aot.Http.Access;
using Recs.Aot.Http.Contracts;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
using Recs.Math;
using Recs.Aot.Http.OpenApi;

namespace Recs.Aot.Http.Endpoints;

internal static class MemoryEndpoint
{
    /// <summary>GET /api/memory (operator only): process and GC memory, cache statistics and the model's size, in bytes.</summary>
    public static RouteGroupBuilder MapMemory(this RouteGroupBuilder api)
    {
        api.MapGet("/memory", static (RecommendationCache cache, ModelHolder holder, RetiredModels retired) =>
        {
            using var process = Process.GetCurrentProcess();
            long hits = cache.Hits, misses = cache.Misses;
            double ratio = hits + misses == 0 ? 0 : System.Math.Round((double)hits / (hits + misses), 4);
            var model = holder.Current;
            var gc = GC.GetGCMemoryInfo();
            var (retiredCount, retiredBytes) = retired.StillHeld();
            return TypedResults.Ok(new MemoryResponse(
                process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), GC.GetTotalAllocatedBytes(),
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
                new CacheStats(cache.Count, cache.Bytes, cache.MaxBytes, hits, misses, ratio), model?.EstimatedBytes ?? 0,
                new MemoryBreakdown(model?.Data.EstimatedBytes ?? 0, model?.Trained?.EstimatedBytes ?? 0, model?.PopularityBytes ?? 0,
                    model?.Neighbourhood?.EstimatedBytes ?? 0),
                new GcMemory(gc.HeapSizeBytes, gc.FragmentedBytes, gc.TotalCommittedBytes, gc.PromotedBytes, gc.Index,
                    GCSettings.IsServerGC, GCSettings.LatencyMode != GCLatencyMode.Batch, RegionBytes),
                ScratchPool.ProcessMappedBytes, new ImagePagesStats(ImagePages.Releases, ImagePages.LastReleasedBytes),
                new RetiredStats(retiredCount, retiredBytes)));
        }).RequireOperator()
            .WithName("Memory").WithTags(ApiTags.Operator)
            .WithSummary("Process, GC, cache and model memory (bytes)")
            .WithDescription("The working set, the collector's heap and what it committed, cache statistics, and the served " +
                "model's size itemised; `training_scratch_bytes` is what a running training holds outside the collected heap; " +
                "`retired` counts the replaced data sets and trained models not yet freed.")
            .Produces<MemoryResponse>(StatusCodes.Status200OK);
        return api;
    }

    // The collector reports its settings by their configuration names; the region size is a number of bytes, fixed for
    // the life of the process, so it is read once rather than with every request.
    private static readonly long RegionBytes =
        GC.GetConfigurationVariables().TryGetValue("GCRegionSize", out object? size) ? Convert.ToInt64(size, CultureInfo.InvariantCulture) : 0;
}
