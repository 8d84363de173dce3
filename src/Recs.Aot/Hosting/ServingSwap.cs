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
    ModelHolder holder, RecommendationCache cache, UploadedUsers uploads, RecommendationService recommendations, ModelState modelState,
    IOptions<RecsOptions> options, ILogger<ServingSwap> log)
{
    private readonly Lock _swap = new();

    /// <summary>
    /// The model <see cref="ServeData"/> would serve now for <paramref name="data"/>, with the default lists of up to
    /// <see cref="RecsOptions.RewarmLimit"/> people the cache holds, computed on it (see <see cref="Prepare"/>).
    /// </summary>
    public WarmStart PrepareData(RatingsDataset data, TrainedModel? candidate, DateTimeOffset started, CancellationToken cancellation = default)
    {
        var trained = Pairable(holder.Current?.Trained, data) ?? Pairable(candidate, data);
        return Warm(new ServingModel(data, VersionOf(trained, data, started), started, trained), cancellation);
    }

    /// <summary>
    /// Serves data just read, with the trained model now serving when it fits, else with <paramref name="candidate"/>
    /// (e.g. from a snapshot) when that fits; clears the cache and drops the uploads the data now holds.
    /// <paramref name="warm"/>, from <see cref="PrepareData"/>, serves as it is with its lists cached when it pairs the
    /// same data with the same trained model; otherwise the cache starts empty.
    /// </summary>
    public (ServingModel Model, int Absorbed) ServeData(RatingsDataset data, TrainedModel? candidate, DateTimeOffset started, WarmStart? warm = null)
    {
        ServingModel model;
        bool replaced;
        lock (_swap)
        {
            replaced = holder.Current is not null;
            // A training may have swapped in while the data was read: pair with what serves now, not what served before.
            var trained = Pairable(holder.Current?.Trained, data) ?? Pairable(candidate, data);
            model = warm is not null && ReferenceEquals(warm.Model.Data, data) && ReferenceEquals(warm.Model.Trained, trained)
                ? warm.Model
                : new ServingModel(data, VersionOf(trained, data, started), started, trained);
            holder.Swap(model);
        }
        cache.Clear();
        CacheWarmLists(model, warm);
        int absorbed = uploads.DropAbsorbed(data);
        modelState.Ready();
        // The first data served at start replaces nothing, and a collection then would only compete with the start.
        if (replaced)
        {
            CollectRetired();
            TrimNativeHeap();
        }
        ReleaseImagePages(replaced ? TimeSpan.Zero : StartUpSettles);
        return (model, absorbed);
    }

    /// <summary>
    /// The model <see cref="ServeTrained"/> would serve now, with the default lists of up to
    /// <see cref="RecsOptions.RewarmLimit"/> people the cache holds, computed on it; null when the catalogue changed
    /// while it trained. CPU-bound (about a millisecond a person at a million ratings): a training runs it on its
    /// background thread, before it serves. Throws OperationCanceledException when <paramref name="cancellation"/> fires.
    /// </summary>
    public WarmStart? Prepare(TrainedModel trained, RatingsDataset trainedOn, DateTimeOffset started, CancellationToken cancellation = default)
    {
        var serveData = Newest(trainedOn);
        if (Pairable(trained, serveData) is null)
            return null;
        return Warm(new ServingModel(serveData, VersionOf(trained, serveData, started), started, trained), cancellation);
    }

    // A failure here costs only the head start, never the model: what was computed before it is kept.
    private WarmStart Warm(ServingModel model, CancellationToken cancellation)
    {
        var lists = new List<KeyValuePair<string, CachedRecommendations>>();
        try
        {
            foreach (string username in cache.Usernames(System.Math.Max(0, options.Value.RewarmLimit)))
            {
                cancellation.ThrowIfCancellationRequested();
                if (recommendations.Precompute(model, username) is { } list)
                    lists.Add(new(username, list));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("model: {Count} cached lists computed ahead of the swap, then: {Error}", lists.Count, e.Message);
        }
        return new WarmStart(model, lists);
    }

    // A list is a hit only for its model version and the person's upload sequence, so one computed before an upload
    // that landed since (or before an upload the new data absorbs) is never served: it misses and computes again.
    private void CacheWarmLists(ServingModel serving, WarmStart? warm)
    {
        if (warm is null || !ReferenceEquals(serving, warm.Model))
            return;
        foreach (var (username, list) in warm.Lists)
            cache.Set(username, list);
    }

    /// <summary>
    /// Serves a finished training with the newest data read; returns the model now serving, or null when the catalogue
    /// changed while it trained. <paramref name="warm"/>, from <see cref="Prepare"/>, serves as it is with its lists
    /// cached when no newer data was read since; otherwise the cache starts empty as after any swap.
    /// </summary>
    public ServingModel? ServeTrained(TrainedModel trained, RatingsDataset trainedOn, DateTimeOffset started, WarmStart? warm = null)
    {
        ServingModel? model = null;
        lock (_swap)
        {
            var serveData = Newest(trainedOn);
            if (Pairable(trained, serveData) is not null)
            {
                model = warm is not null && ReferenceEquals(warm.Model.Data, serveData) && ReferenceEquals(warm.Model.Trained, trained)
                    ? warm.Model
                    : new ServingModel(serveData, VersionOf(trained, serveData, started), started, trained);
                holder.Swap(model);
            }
        }
        if (model is not null)
        {
            cache.Clear();
            CacheWarmLists(model, warm);
            CollectRetired();
            TrimNativeHeap();
            ReleaseImagePages(TimeSpan.Zero);
        }
        return model;
    }

    // The model and data just replaced are the largest objects that ever die here (18 MB at a million ratings), and
    // they sit in the oldest generation, which the collector's own budget would leave alone until the next training
    // has added as much again. A background collection lets it go now without stopping requests (non-blocking,
    // non-compacting); in the load suite's mix it brought the resident set after a retrain from 176-179 to 128-136 MB
    // (docs/PERFORMANCE.md, "The service under load").
    private static void CollectRetired() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false, compacting: false);

    // Reading the data and training leave freed C-library memory (SQLite's pages among it) inside the arenas; hand it
    // back now rather than when an arena's top happens to come free.
    private static void TrimNativeHeap() =>
        ThreadPool.UnsafeQueueUserWorkItem(static _ => NativeHeap.Trim(), null);

    // Start-up and training run code that serving never touches again; a swap is when that code has just finished,
    // except the first, which comes while the host is still starting: dropping pages then only made the rest of the
    // start map them again (exec to first answer 10-20 ms slower, bench/startup-time.py), so that release waits.
    private static readonly TimeSpan StartUpSettles = TimeSpan.FromSeconds(5);

    private void ReleaseImagePages(TimeSpan delay)
    {
        if (options.Value.ReleaseImagePages)
            ImagePages.ReleaseInBackground(delay);
    }

    // A training that started on older data pairs with the newest data read since, never the other way round.
    private RatingsDataset Newest(RatingsDataset trainedOn) =>
        holder.Current?.Data is { } newest && newest.Sequence > trainedOn.Sequence ? newest : trainedOn;

    private static TrainedModel? Pairable(TrainedModel? trained, RatingsDataset data) =>
        trained is not null && trained.Header.CatalogueFingerprint == CatalogueFingerprint.Of(data) ? trained : null;

    // The part after '+' is the store's change sequence of the data served, so any write yields a new version.
    private static string VersionOf(TrainedModel? trained, RatingsDataset data, DateTimeOffset at) =>
        trained is null ? $"nbr-{at:yyyyMMddHHmmss}+{data.Sequence}" : $"{trained.Header.Version}+{data.Sequence}";
}
