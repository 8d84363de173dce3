using Microsoft.Extensions.Options;
using Recs.Aot.Recommendations;
using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Serving;

namespace Recs.Aot.Hosting;

/// <summary>
/// The one place a new model starts serving, under one lock, by one rule: the newest data read always serves, paired
/// with a trained model only when that model's film indices mean the same films (same catalogue fingerprint). So a
/// training that started on older data never puts that data back: it pairs with the newer data, or is dropped when
/// the catalogue changed (and the newer data's own training serves later).
/// </summary>
public sealed class ServingSwap(
    ModelHolder holder, RetiredModels retired, RecommendationCache cache, UploadedUsers uploads, ModelState modelState,
    IOptions<RecsOptions> options)
{
    private readonly Lock _swap = new();

    /// <summary>
    /// Serves data just read, with the trained model now serving when it fits, else with <paramref name="candidate"/>
    /// (e.g. from a snapshot) when that fits; clears the cache and drops the uploads the data now holds.
    /// </summary>
    public (ServingModel Model, int Absorbed) ServeData(RatingsDataset data, TrainedModel? candidate, DateTimeOffset started)
    {
        ServingModel model;
        bool replaced;
        lock (_swap)
        {
            var serving = holder.Current;
            replaced = serving is not null;
            // A training may have swapped in while the data was read: pair with what serves now, not what served before.
            var trained = Pairable(serving?.Trained, data) ?? Pairable(candidate, data);
            model = new ServingModel(data, VersionOf(trained, data, started), started, trained);
            holder.Swap(model);
            retired.Retire(serving, model);
        }
        cache.Clear();
        int absorbed = uploads.DropAbsorbed(data);
        modelState.Ready();
        ReleaseRetired(replaced);
        return (model, absorbed);
    }

    /// <summary>Serves a finished training with the newest data read; returns the model now serving, or null when the catalogue changed while it trained.</summary>
    public ServingModel? ServeTrained(TrainedModel trained, RatingsDataset trainedOn, DateTimeOffset started)
    {
        ServingModel? model = null;
        lock (_swap)
        {
            var serving = holder.Current;
            var serveData = serving?.Data is { } newest && newest.Sequence > trainedOn.Sequence ? newest : trainedOn;
            if (Pairable(trained, serveData) is not null)
            {
                model = new ServingModel(serveData, VersionOf(trained, serveData, started), started, trained);
                holder.Swap(model);
                retired.Retire(serving, model);
            }
        }
        if (model is not null)
        {
            cache.Clear();
            ReleaseRetired(replaced: true);
        }
        return model;
    }

    // What a swap leaves behind: the replaced model and data, the C library's freed memory, the code that ran only to
    // start or to train. The first data served at start replaces nothing, and a collection or trim then would only
    // compete with the start.
    private void ReleaseRetired(bool replaced)
    {
        if (replaced)
        {
            CollectRetired();
            TrimNativeHeap();
        }
        if (options.Value.ReleaseImagePages)
            ImagePages.ReleaseInBackground(replaced ? TimeSpan.Zero : StartUpSettles);
    }

    // The model and data just replaced are the largest objects that ever die here (18 MB at a million ratings), and
    // they sit in the oldest generation, which the collector's own budget would leave alone until the next training
    // has added as much again. A background collection lets it go now without stopping requests (non-blocking,
    // non-compacting); in the load suite's mix it brought the resident set after a retrain from 176-179 to 128-136 MB
    // (docs/PERFORMANCE.md, "The service under load"). It starts a moment after the swap: a collection marks what is
    // reachable when it starts, and right then the reload that read the new data still holds the old data it merged
    // into, as requests that began before the swap hold the old model; started at once, it kept the replaced data
    // through the whole training that followed (/api/memory's `retired`).
    private static void CollectRetired() =>
        _ = Task.Delay(RetiredSettle).ContinueWith(
            static _ => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false, compacting: false), TaskScheduler.Default);

    // Longer than a request's time budget (250 ms by default) and the rest of a reload after its swap.
    private static readonly TimeSpan RetiredSettle = TimeSpan.FromSeconds(1);

    // Reading the data and training leave freed C-library memory (SQLite's pages among it) inside the arenas; hand it
    // back now rather than when an arena's top happens to come free.
    private static void TrimNativeHeap() =>
        ThreadPool.UnsafeQueueUserWorkItem(static _ => NativeHeap.Trim(), null);

    // Start-up and training run code that serving never touches again; a swap is when that code has just finished,
    // except the first, which comes while the host is still starting: dropping pages then only made the rest of the
    // start map them again (exec to first answer 10-20 ms slower, bench/startup-time.py), so that release waits.
    private static readonly TimeSpan StartUpSettles = TimeSpan.FromSeconds(5);

    private static TrainedModel? Pairable(TrainedModel? trained, RatingsDataset data) =>
        trained is not null && trained.Header.CatalogueFingerprint == CatalogueFingerprint.Of(data) ? trained : null;

    // The part after '+' is the store's change sequence of the data served, so any write yields a new version.
    private static string VersionOf(TrainedModel? trained, RatingsDataset data, DateTimeOffset at) =>
        trained is null ? $"nbr-{at:yyyyMMddHHmmss}+{data.Sequence}" : $"{trained.Header.Version}+{data.Sequence}";
}
