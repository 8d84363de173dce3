using System.Runtime;
using Microsoft.Extensions.Options;
using Recs.Aot.Recommendations;
using Recs.Engine.Data;
using Recs.Engine.Demo;
using Recs.Engine.Model;
using Recs.Engine.Serving;
using Recs.Engine.Storage;
using Recs.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Background start-up and refresh: connects to the store with retry and backoff (the service answers /ping and a
/// degraded /health meanwhile), seeds the demo catalogue when asked, then builds the in-memory model and keeps it fresh.
/// Each load serves at once (with the last trained model, or the snapshot at start-up, when the catalogue matches)
/// and then trains on the full data in the background; the result is swapped in as one reference and saved.
/// </summary>
public sealed class ModelLoader(
    IRatingStore store, ModelHolder holder, StoreStatus storeStatus, ModelState modelState,
    RecommendationCache cache, IOptions<RecsOptions> options, ILogger<ModelLoader> log) : BackgroundService
{
    private CancellationToken _stopping;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private static readonly StoreRetryOptions Backoff = new() { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(15) };
    private readonly RecsOptions _options = options.Value;
    private readonly SemaphoreSlim _trainGate = new(1, 1);
    private int _retrainQueued;

    /// <summary>The training running in the background, if any (tests await it).</summary>
    public Task Training { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Reloads the data and retrains in the background unless a retrain is already queued; returns false when one was.
    /// </summary>
    public bool RequestRetrain()
    {
        if (Interlocked.Exchange(ref _retrainQueued, 1) == 1)
            return false;
        _ = Task.Run(async () =>
        {
            try
            {
                await ReloadAsync(CancellationToken.None, forceTraining: true);
                await Training;
            }
            finally
            {
                Volatile.Write(ref _retrainQueued, 0);
            }
        });
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            await ConnectAsync(stoppingToken);
            await SeedDemoIfEmptyAsync(stoppingToken);
            await ReloadAsync(stoppingToken);
            if (_options.RefreshMinutes <= 0)
                return;
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(_options.RefreshMinutes));
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await ReloadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await store.MigrateAsync(ct);
                storeStatus.MarkConnected();
                log.LogInformation("store: connected to {Kind} on attempt {Attempt}", store.Kind, attempt);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                storeStatus.MarkFailed(e);
                // The service never gives up on its database: after the configured attempts it keeps trying at the slowest pace.
                var delay = Backoff.DelayAfter(attempt);
                log.LogWarning("store: attempt {Attempt}/{Max} to reach {Kind} failed: {Error}; next try in {Delay:0.0}s",
                    attempt, _options.ConnectAttempts, store.Kind, e.Message, delay.TotalSeconds);
                await Task.Delay(attempt >= _options.ConnectAttempts ? Backoff.MaxDelay : delay, ct);
            }
        }
    }

    private async Task SeedDemoIfEmptyAsync(CancellationToken ct)
    {
        try
        {
            modelState.DemoData = await store.GetMetaAsync("demo", ct) == "true";
            if (!_options.Demo || (await store.CountAsync(ct)).Ratings > 0)
                return;
            log.LogInformation("store: empty, seeding the synthetic demo catalogue ({Films} films, {Users} users)",
                DemoCatalogue.FilmCount, DemoCatalogue.UserCount);
            await store.UpsertFilmsAsync(DemoCatalogue.Films(), ct);
            await store.UpsertRatingsAsync(DemoCatalogue.Ratings(), ct);
            await store.SetMetaAsync("demo", "true", ct);
            modelState.DemoData = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("store: demo seeding failed: {Error}", e.Message);
        }
    }

    /// <summary>Rebuilds the model from the store and swaps it in; on failure the previous model keeps serving.</summary>
    public Task ReloadAsync(CancellationToken ct) => ReloadAsync(ct, forceTraining: false);

    private async Task ReloadAsync(CancellationToken ct, bool forceTraining)
    {
        await _reloadGate.WaitAsync(ct);
        try
        {
            modelState.Loading();
            var started = DateTimeOffset.UtcNow;
            var builder = new RatingsDatasetBuilder();
            foreach (var film in await store.LoadFilmsAsync(ct))
                builder.AddFilm(film);
            await foreach (var rating in store.ReadAllRatingsAsync(ct))
                builder.AddRating(rating);
            var data = builder.Build();
            var trained = Pairable(holder.Current?.Trained, data) ?? (holder.Current is null ? LoadSnapshot(data) : null);
            var model = new ServingModel(data, VersionOf(trained, data, started), started, trained);
            holder.Swap(model);
            cache.Clear();
            ReleaseBuildGarbage();
            storeStatus.MarkConnected();
            modelState.Ready();
            log.LogInformation("model: {Version} ready ({Users} users, {Films} films, {Ratings} ratings) in {Seconds:0.00}s",
                model.Version, data.UserCount, data.FilmCount, data.RatingCount, (DateTimeOffset.UtcNow - started).TotalSeconds);
            // A model trained on exactly this data needs no retraining; anything else is retrained in the background.
            if (forceTraining || trained is null || trained.Header.RatingCount != data.RatingCount || trained.Header.UserCount != data.UserCount)
                Training = TrainAsync(data);        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            modelState.Failed(e, holder.Current is not null);
            storeStatus.MarkFailed(e);
            log.LogError("model: reload failed, previous model kept: {Error}", e.Message);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private async Task TrainAsync(RatingsDataset data)
    {
        await _trainGate.WaitAsync();
        try
        {
            modelState.TrainingStarted();
            var started = DateTimeOffset.UtcNow;
            // Off the request threads: training is CPU-bound for seconds.
            var trained = await Task.Run(() => ModelTrainer.Train(data, new ModelTrainingOptions(), started));
            var current = holder.Current;
            // Pair with the newest data when a reload happened meanwhile and the catalogue is the same.
            var serveData = current is not null && Pairable(trained, current.Data) is not null ? current.Data : data;
            holder.Swap(new ServingModel(serveData, VersionOf(trained, serveData, started), started, trained));
            cache.Clear();
            modelState.TrainingFinished(null);
            log.LogInformation("model: trained {Version} (k = {Clusters}, ranks {Taste}/{Ranking}) in {Seconds:0.00}s",
                trained.Header.Version, trained.ClusterCount, trained.TasteRank, trained.RankingRank, (DateTimeOffset.UtcNow - started).TotalSeconds);
            SaveSnapshot(trained);
            ReleaseBuildGarbage();
            _ = ReleasePooledBuffersLaterAsync();
        }
        catch (Exception e)
        {
            modelState.TrainingFinished(e.Message);
            log.LogError("model: training failed, previous model kept: {Error}", e.Message);
        }
        finally
        {
            _trainGate.Release();
        }
    }

    private static TrainedModel? Pairable(TrainedModel? trained, RatingsDataset data) =>
        trained is not null && trained.Header.CatalogueFingerprint == CatalogueFingerprint.Of(data) ? trained : null;

    private static string VersionOf(TrainedModel? trained, RatingsDataset data, DateTimeOffset at) =>
        trained is null ? $"nbr-{at:yyyyMMddHHmmss}-{data.RatingCount}" : $"{trained.Header.Version}+{data.RatingCount}";

    private TrainedModel? LoadSnapshot(RatingsDataset data)
    {
        string path = _options.SnapshotPath;
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            return null;
        try
        {
            var trained = ModelSnapshot.Load(path);
            if (Pairable(trained, data) is null)
                throw new InvalidDataException("it was trained on a different film catalogue");
            modelState.SnapshotLoaded();
            log.LogInformation("model: snapshot {Version} loaded from {Path}", trained.Header.Version, path);
            return trained;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            modelState.SnapshotRejected(e.Message);
            log.LogWarning("model: snapshot {Path} rejected, retraining: {Error}", path, e.Message);
            return null;
        }
    }

    private void SaveSnapshot(TrainedModel trained)
    {
        if (string.IsNullOrWhiteSpace(_options.SnapshotPath))
            return;
        try
        {
            ModelSnapshot.Save(trained, _options.SnapshotPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("model: could not save the snapshot to {Path}: {Error}", _options.SnapshotPath, e.Message);
        }
    }

    // Training rents its large scratch buffers (Krylov bases, distance matrices: about 30 MB on a million ratings) from
    // ArrayPool.Shared, which keeps returned arrays until a gen-2 collection finds them unused for a minute. One more
    // pair of collections after that window returns them to the OS; otherwise they stay resident until the next
    // natural gen-2 collection, which a quiet service may not have for hours.
    private async Task ReleasePooledBuffersLaterAsync()
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(65), _stopping);
            // The pool trims from a callback on the finalizer thread after a gen-2 collection; the arrays it lets go of
            // are reclaimed by the collection after that.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            ReleaseBuildGarbage();
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Loading and training allocate several times the size of the model they produce (rows streamed from the store,
    // sort buffers, Krylov bases). A rare, blocking, compacting collection right after the swap hands that memory back
    // to the OS, which keeps the resident set near the model's own size instead of the build's peak.
    private static void ReleaseBuildGarbage()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
