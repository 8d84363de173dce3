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
/// Keeps the serving model fresh. At start it connects to the store with retry and backoff (the service answers /ping,
/// and /health says "starting", meanwhile), seeds the demo catalogue when asked, reads the data and serves it at once
/// (with the snapshot's trained model when it fits the catalogue), then trains in the background.
/// <para>Every reload reads the store's change sequence first and tags the data with it; nothing is re-read while the
/// sequence stands still, and training runs only when the data differs from what the serving model was trained on
/// (any write moves the sequence, a re-rating too). Swaps happen under one lock and never replace newer data with
/// older: a training that finishes after a newer reload pairs with that newer data, or is dropped when the
/// catalogue changed.</para>
/// </summary>
public sealed class ModelLoader(
    IRatingStore store, ModelHolder holder, StoreStatus storeStatus, ModelState modelState, RecommendationCache cache,
    UploadedUsers uploads, SnapshotFile snapshots, IOptions<RecsOptions> options, ILogger<ModelLoader> log) : BackgroundService
{
    private static readonly StoreRetryOptions Backoff = new() { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(15) };
    private readonly RecsOptions _options = options.Value;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly SemaphoreSlim _trainGate = new(1, 1);
    private readonly Lock _swap = new();
    private int _retrainQueued;
    private int _reloadQueued;

    /// <summary>The training running in the background, if any (tests await it).</summary>
    public Task Training { get; private set; } = Task.CompletedTask;

    /// <summary>Reloads the data and retrains in the background unless a retrain is already queued; returns false when one was.</summary>
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

    /// <summary>Reloads the data in the background if it changed (e.g. to absorb pending uploads), unless a reload is queued already.</summary>
    public void RequestReload()
    {
        if (Interlocked.Exchange(ref _reloadQueued, 1) == 1)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await ReloadAsync(CancellationToken.None, forceTraining: false);
            }
            finally
            {
                Volatile.Write(ref _reloadQueued, 0);
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

    /// <summary>Rebuilds the model from the store if it changed and swaps it in; on failure the previous model keeps serving.</summary>
    public Task ReloadAsync(CancellationToken ct) => ReloadAsync(ct, forceTraining: false);

    private async Task ReloadAsync(CancellationToken ct, bool forceTraining)
    {
        await _reloadGate.WaitAsync(ct);
        try
        {
            long sequence = await store.GetChangeSequenceAsync(ct);
            var current = holder.Current;
            storeStatus.MarkConnected();
            if (current is not null && current.Data.Sequence == sequence && !forceTraining)
                return;
            if (current is null || current.Data.Sequence != sequence)
                current = await LoadAsync(sequence, current, ct);
            var trained = current.Trained;
            // A model trained on exactly this data needs no retraining; anything else is retrained in the background.
            if (forceTraining || trained is null || trained.Header.DataSequence != current.Data.Sequence)
                Training = TrainAsync(current.Data);
        }
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

    private async Task<ServingModel> LoadAsync(long sequence, ServingModel? previous, CancellationToken ct)
    {
        modelState.Loading();
        var started = DateTimeOffset.UtcNow;
        var data = await StoreDataReader.ReadAsync(store, sequence, ct);
        var trained = Pairable(previous?.Trained, data) ?? (previous is null ? snapshots.Load(data) : null);
        var model = new ServingModel(data, VersionOf(trained, data, started), started, trained);
        lock (_swap)
            holder.Swap(model);
        cache.Clear();
        int absorbed = uploads.DropAbsorbed(data);
        modelState.Ready();
        log.LogInformation("model: {Version} ready ({Users} users, {Films} films, {Ratings} ratings, {Absorbed} uploads absorbed) in {Seconds:0.00}s",
            model.Version, data.UserCount, data.FilmCount, data.RatingCount, absorbed, (DateTimeOffset.UtcNow - started).TotalSeconds);
        return model;
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
            string? swapped = null;
            lock (_swap)
            {
                // Serve the newest data read: a reload may have landed while this trained. The new model pairs with
                // that data when the catalogue is the same; otherwise it is dropped and that reload's own training serves.
                var serveData = holder.Current?.Data is { } newest && newest.Sequence > data.Sequence ? newest : data;
                if (Pairable(trained, serveData) is not null)
                {
                    var model = new ServingModel(serveData, VersionOf(trained, serveData, started), started, trained);
                    holder.Swap(model);
                    swapped = model.Version;
                }
            }
            if (swapped is null)
            {
                modelState.TrainingFinished(null);
                log.LogInformation("model: trained {Version} dropped: the catalogue changed while it trained", trained.Header.Version);
                return;
            }
            cache.Clear();
            modelState.TrainingFinished(null);
            log.LogInformation("model: trained {Version} (k = {Clusters}, ranks {Taste}/{Ranking}) in {Seconds:0.00}s, serving {Serving}",
                trained.Header.Version, trained.ClusterCount, trained.TasteRank, trained.RankingRank,
                (DateTimeOffset.UtcNow - started).TotalSeconds, swapped);
            snapshots.Save(trained);
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

    // The part after '+' is the store's change sequence of the data served, so any write yields a new version.
    private static string VersionOf(TrainedModel? trained, RatingsDataset data, DateTimeOffset at) =>
        trained is null ? $"nbr-{at:yyyyMMddHHmmss}+{data.Sequence}" : $"{trained.Header.Version}+{data.Sequence}";
}
