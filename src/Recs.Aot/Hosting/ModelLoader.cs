using System.Diagnostics;
using Microsoft.Extensions.Options;
using Recs.Aot.Observability;
using Recs.Engine.Data;
using Recs.Engine.Serving;
using Recs.Engine.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Keeps the serving model fresh by composing the lifecycle's parts (drawn in docs/ARCHITECTURE.md):
/// <list type="number">
/// <item>serve the local snapshots at once when they exist (<see cref="LocalSnapshots"/>), before the store answers;</item>
/// <item>open the store (<see cref="StoreConnection"/>: retry, demo seeding, identity);</item>
/// <item>read what changed since the data served, or everything when that data is not this store's
/// (<see cref="DataFeed"/>), and serve it (<see cref="ServingSwap"/>); retry until a first read succeeds;</item>
/// <item>train in the background whenever the data served differs from what its model was trained on (<see cref="TrainingLoop"/>);</item>
/// <item>re-check the store's change sequence on a schedule and on request (uploads, retrain).</item>
/// </list>
/// Nothing is re-read while the sequence stands still; reloads run one at a time.
/// </summary>
public sealed class ModelLoader(
    IRatingStore store, StoreConnection connection, DataFeed feed, LocalSnapshots snapshots, ServingSwap swap,
    TrainingLoop trainer, ModelHolder holder, StoreStatus storeStatus, ModelState modelState, RecsMetrics metrics,
    IOptions<RecsOptions> options, ILogger<ModelLoader> log) : BackgroundService
{
    private readonly RecsOptions _options = options.Value;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private int _retrainQueued;
    private int _reloadQueued;

    // Whether the data served was read from the store now connected (or is a snapshot of it): only then may the next
    // read be just the changes since its sequence. False while a snapshot serves whose store is not confirmed yet.
    private volatile bool _servedDataIsThisStores;
    private volatile bool _firstLoadDone;

    /// <summary>The background training loop, if one runs (tests await it).</summary>
    public Task Training => trainer.Running;

    /// <summary>
    /// Reloads the data and retrains in the background; returns false when a retrain is already waiting to start (it
    /// will read everything written before it starts, this request included).
    /// </summary>
    public bool RequestRetrain() => Queue(ref _retrainQueued, forceTraining: true);

    /// <summary>
    /// Reloads the data in the background if it changed (e.g. to absorb pending uploads), unless a reload is already
    /// waiting to start. Before the first read from the store has succeeded it does nothing: that read, retried until
    /// it succeeds, reads everything asked for, and only it knows whether the data served is this store's.
    /// </summary>
    public void RequestReload()
    {
        if (_firstLoadDone)
            Queue(ref _reloadQueued, forceTraining: false);
    }

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
        try
        {
            // The disk is read before the network is waited for: a restart serves its snapshot even while the database is down.
            await Task.Yield();
            // Only the snapshot's store id outlives this await: a local holding the data set would keep it alive for
            // as long as this method runs (the whole process), long after a reload replaced it.
            string? snapshotStore = ServeLocalSnapshot();
            string identity = await connection.OpenAsync(stoppingToken);
            if (snapshotStore is not null)
            {
                _servedDataIsThisStores = snapshotStore == identity;
                if (!_servedDataIsThisStores)
                    log.LogWarning("data: the snapshot was read from another store ({Snapshot}, connected to {Store}); reading the whole store",
                        snapshotStore, identity);
            }
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

    // Serves the local snapshots when there are any; returns the id of the store they were read from.
    private string? ServeLocalSnapshot()
    {
        var started = DateTimeOffset.UtcNow;
        if (snapshots.LoadData() is not { } local)
            return null;
        var (model, _) = swap.ServeData(local.Data, snapshots.LoadModel(local.Data), started);
        modelState.DataRead("snapshot");
        log.LogInformation("model: {Version} serving from the local snapshots in {Seconds:0.000}s", model.Version,
            (DateTimeOffset.UtcNow - started).TotalSeconds);
        return local.StoreId;
    }

    // Until a read from the store succeeds, what serves (nothing, or a snapshot) is not known to be current: a failure
    // here (the database went away after migrating, a statement timed out) is retried under the connection's policy
    // instead of waiting for the next scheduled refresh.
    private async Task FirstLoadAsync(CancellationToken ct)
    {
        await connection.Retry.RunAsync(c => ReadStoreAsync(c, forceTraining: false, started: null), failure => ReloadFailed(failure.Error), ct);
        _firstLoadDone = true;
    }

    /// <summary>Rebuilds the model from the store if it changed and swaps it in; on failure the previous model keeps serving.</summary>
    public Task ReloadAsync(CancellationToken ct) => ReloadAsync(ct, forceTraining: false, started: null);

    private async Task ReloadAsync(CancellationToken ct, bool forceTraining, Action? started)
    {
        try
        {
            await ReadStoreAsync(ct, forceTraining, started);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ReloadFailed(e);
        }
    }

    private void ReloadFailed(Exception e)
    {
        modelState.Failed(e, holder.Current is not null);
        storeStatus.MarkFailed(e);
        log.LogError("model: reload failed, previous model kept: {Error}", e.Message);
    }

    // One reload at a time: reads the changes (or everything) since the data served and queues a training when the
    // model serving was not trained on exactly that data; throws what the store throws.
    private async Task ReadStoreAsync(CancellationToken ct, bool forceTraining, Action? started)
    {
        await _reloadGate.WaitAsync(ct);
        try
        {
            started?.Invoke();
            long asked = Stopwatch.GetTimestamp();
            long sequence = await store.GetChangeSequenceAsync(ct);
            metrics.StoreOperationCompleted(StoreOperation.ChangeSequence, Stopwatch.GetElapsedTime(asked));
            storeStatus.MarkConnected();
            var current = holder.Current;
            bool fromThisStore = current is not null && _servedDataIsThisStores;
            bool changed = !fromThisStore || current!.Data.Sequence != sequence;
            // Nothing to read and a trained model serves: done (a stale one is already being retrained). Data served
            // from a snapshot without a usable model still needs its first training, hence the check on Trained.
            if (!changed && !forceTraining && current!.Trained is not null)
                return;
            if (changed)
                current = await LoadAsync(fromThisStore ? current!.Data : null, sequence, current is null, ct);
            var trained = current!.Trained;
            // A model trained on exactly this data needs no retraining; anything else is retrained in the background.
            if (forceTraining || trained is null || trained.Header.DataSequence != current.Data.Sequence)
                trainer.Queue(current.Data, forceTraining);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private async Task<ServingModel> LoadAsync(RatingsDataset? basis, long sequence, bool firstServe, CancellationToken ct)
    {
        modelState.Loading();
        var started = DateTimeOffset.UtcNow;
        var (data, delta) = await feed.ReadAsync(basis, sequence, ct);
        var (model, absorbed) = swap.ServeData(data, firstServe ? snapshots.LoadModel(data) : null, started);
        _servedDataIsThisStores = true;
        modelState.DataRead(delta ? "changes" : "store");
        log.LogInformation("model: {Version} ready ({Users} users, {Films} films, {Ratings} ratings, {Absorbed} uploads absorbed) from {Read} in {Seconds:0.00}s",
            model.Version, data.UserCount, data.FilmCount, data.RatingCount, absorbed, delta ? "the changes" : "a full read",
            (DateTimeOffset.UtcNow - started).TotalSeconds);
        // After a full read the next start should not need one: the data is saved now rather than after the training.
        if (!delta && connection.Identity is { } identity)
            _ = Task.Run(() => snapshots.SaveData(data, identity), CancellationToken.None);
        return model;
    }
}
