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
    private RatingsDataset? _toTrain;
    private int _trainerRunning;
    private readonly Lock _swap = new();
    private CancellationToken _stopping;
    private int _retrainQueued;
    private int _reloadQueued;

    /// <summary>The background training loop, if one runs (tests await it).</summary>
    public Task Training { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Reloads the data and retrains in the background; returns false when a retrain is already waiting to start (it
    /// will read everything written before it starts, this request included).
    /// </summary>
    public bool RequestRetrain() => Queue(ref _retrainQueued, forceTraining: true);

    /// <summary>Reloads the data in the background if it changed (e.g. to absorb pending uploads), unless a reload is already waiting to start.</summary>
    public void RequestReload() => Queue(ref _reloadQueued, forceTraining: false);

    // At most one queued run of each kind waits for the reload gate; its flag is cleared once it holds the gate, so a
    // request that arrives while a run is already reading starts one more run after it instead of being lost.
    private bool Queue(ref int queued, bool forceTraining)
    {
        if (Interlocked.Exchange(ref queued, 1) == 1)
            return false;
        _ = forceTraining
            ? Task.Run(() => ReloadAsync(CancellationToken.None, forceTraining: true, started: () => Volatile.Write(ref _retrainQueued, 0)))
            : Task.Run(() => ReloadAsync(CancellationToken.None, forceTraining: false, started: () => Volatile.Write(ref _reloadQueued, 0)));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            await ConnectAsync(stoppingToken);
            await SeedDemoIfEmptyAsync(stoppingToken);
            await MoveLegacyExclusionsAsync(stoppingToken);
            await FirstLoadAsync(stoppingToken);
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

    // Until the first data read succeeds nothing can serve: a failure here (the database went away after migrating, a
    // statement timed out) is retried with backoff instead of waiting for the next scheduled refresh.
    private async Task FirstLoadAsync(CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            await ReloadAsync(ct);
            if (holder.Current is not null)
                return;
            await Task.Delay(Backoff.DelayAfter(attempt), ct);
        }
    }

    private async Task MoveLegacyExclusionsAsync(CancellationToken ct)
    {
        try
        {
            await LegacyExclusions.MigrateAsync(store, log, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // They stay where they are and are moved at the next start; serving does not wait for them.
            log.LogWarning("store: moving earlier exclusions failed, will retry at the next start: {Error}", e.Message);
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
    public Task ReloadAsync(CancellationToken ct) => ReloadAsync(ct, forceTraining: false, started: null);

    private async Task ReloadAsync(CancellationToken ct, bool forceTraining, Action? started)
    {
        await _reloadGate.WaitAsync(ct);
        try
        {
            started?.Invoke();
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
                QueueTraining(current.Data);
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
        var snapshot = previous is null ? snapshots.Load(data) : null;
        ServingModel model;
        lock (_swap)
        {
            // A training may have swapped in while the data was read: pair with what serves now, not what served before.
            var trained = Pairable(holder.Current?.Trained, data) ?? snapshot;
            model = new ServingModel(data, VersionOf(trained, data, started), started, trained);
            holder.Swap(model);
        }
        cache.Clear();
        int absorbed = uploads.DropAbsorbed(data);
        modelState.Ready();
        log.LogInformation("model: {Version} ready ({Users} users, {Films} films, {Ratings} ratings, {Absorbed} uploads absorbed) in {Seconds:0.00}s",
            model.Version, data.UserCount, data.FilmCount, data.RatingCount, absorbed, (DateTimeOffset.UtcNow - started).TotalSeconds);
        return model;
    }

    // One training runs at a time, always on the newest data read: a reload during a training replaces what waits
    // (one dataset at most), so queued trainings never pile up, each holding a copy of the data.
    private void QueueTraining(RatingsDataset data)
    {
        Volatile.Write(ref _toTrain, data);
        if (Interlocked.CompareExchange(ref _trainerRunning, 1, 0) == 0)
            Training = Task.Run(TrainWhileQueuedAsync);
    }

    private async Task TrainWhileQueuedAsync()
    {
        while (true)
        {
            if (Interlocked.Exchange(ref _toTrain, null) is { } data)
            {
                await TrainAsync(data);
                continue;
            }
            Volatile.Write(ref _trainerRunning, 0);
            // Data queued between the exchange and the release would otherwise wait for the next reload.
            if (Volatile.Read(ref _toTrain) is null || Interlocked.CompareExchange(ref _trainerRunning, 1, 0) != 0)
                return;
        }
    }

    private async Task TrainAsync(RatingsDataset data)
    {
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
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // The host is stopping and has disposed what the swap needs; the last snapshot stays as it was.
            log.LogInformation("model: training abandoned, the service is stopping");
        }
        catch (Exception e)
        {
            modelState.TrainingFinished(e.Message);
            log.LogError("model: training failed, previous model kept: {Error}", e.Message);
        }
    }

    private static TrainedModel? Pairable(TrainedModel? trained, RatingsDataset data) =>
        trained is not null && trained.Header.CatalogueFingerprint == CatalogueFingerprint.Of(data) ? trained : null;

    // The part after '+' is the store's change sequence of the data served, so any write yields a new version.
    private static string VersionOf(TrainedModel? trained, RatingsDataset data, DateTimeOffset at) =>
        trained is null ? $"nbr-{at:yyyyMMddHHmmss}+{data.Sequence}" : $"{trained.Header.Version}+{data.Sequence}";
}
