using Recs.Aot.Observability;
using Recs.Engine.Data;
using Recs.Engine.Model;
using Recs.Engine.Serving;
using Recs.Engine.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Trains in the background, one training at a time and always on the newest data queued: data queued while a
/// training runs replaces what waits (one dataset at most), so trainings never pile up, each holding a copy of the
/// data. A finished model is served through <see cref="ServingSwap"/> and saved, with the data it serves, as the
/// local snapshots.
/// <para>When other processes serve the same store, one of them trains at a time: a training starts only under the
/// store's training lease, and a model another replica published for this data or newer serves instead of a
/// training here (<see cref="ModelPublication"/>). A replica refused the lease leaves the training to its holder and
/// loads the model when it is published. Without a reachable store (no lease can be asked for) it trains for itself and
/// publishes nothing.</para>
/// <para>When the service stops, a training in progress is abandoned at its next stage boundary and nothing of it is
/// served, saved or published; disposing the loop waits for that, so no training outlives the service.</para>
/// </summary>
public sealed class TrainingLoop(
    ServingSwap swap, ModelHolder holder, RetiredModels retired, LocalSnapshots snapshots, StoreConnection connection, ModelState modelState, IReplicaCoordination replicas,
    ModelPublication publication, ReplicaStatus replicaStatus, RecsMetrics metrics, IHostApplicationLifetime lifetime,
    ILogger<TrainingLoop> log) : IAsyncDisposable
{
    private sealed record Job(RatingsDataset Data, bool Force);

    private static readonly TimeSpan RetiredWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetiredPoll = TimeSpan.FromMilliseconds(100);

    private Job? _toTrain;
    private int _running;
    private long _trainingSequence = -1;

    /// <summary>The background loop, if one runs (tests await it).</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Trains on <paramref name="data"/> after the training in progress, unless newer data is queued before then. Data
    /// of the sequence already being trained or waiting is not queued twice unless <paramref name="force"/> asks for it;
    /// a forced training also trains when another replica already published a model for this data.
    /// </summary>
    public void Queue(RatingsDataset data, bool force = false)
    {
        if (!force && (Volatile.Read(ref _trainingSequence) == data.Sequence || Volatile.Read(ref _toTrain)?.Data.Sequence == data.Sequence))
            return;
        Volatile.Write(ref _toTrain, new Job(data, force));
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            Running = Task.Run(TrainWhileQueuedAsync);
    }

    /// <summary>Waits for the training in progress, which the stopping service abandons at its next stage.</summary>
    public async ValueTask DisposeAsync() => await Running.ConfigureAwait(false);

    private async Task TrainWhileQueuedAsync()
    {
        while (true)
        {
            if (Interlocked.Exchange(ref _toTrain, null) is { } job)
            {
                Volatile.Write(ref _trainingSequence, job.Data.Sequence);
                await TrainUnderLeaseAsync(job);
                Volatile.Write(ref _trainingSequence, -1);
                continue;
            }
            Volatile.Write(ref _running, 0);
            // Data queued between the exchange and the release would otherwise wait for the next reload.
            if (Volatile.Read(ref _toTrain) is null || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
                return;
        }
    }

    private async Task TrainUnderLeaseAsync(Job job)
    {
        var stopping = lifetime.ApplicationStopping;
        if (!replicas.Shared)
        {
            await TrainAsync(job.Data, publish: false);
            return;
        }
        try
        {
            if (!job.Force && await publication.LoadNewestAsync(job.Data.Sequence, stopping))
                return;
            IAsyncDisposable? lease;
            try
            {
                lease = await replicas.TryTakeTrainingLeaseAsync(stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("model: the training lease could not be asked for ({Error}); training here without publishing", e.Message);
                await TrainAsync(job.Data, publish: false);
                return;
            }
            if (lease is null)
            {
                replicaStatus.LeaseRefused();
                log.LogInformation("model: another replica holds the training lease; its model is loaded when it publishes it");
                return;
            }
            await using (lease)
            {
                replicaStatus.LeaseTaken();
                // A replica that held the lease until just now may have published this very data's model.
                if (!job.Force && await publication.LoadNewestAsync(job.Data.Sequence, stopping))
                    return;
                await TrainAsync(job.Data, publish: true);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            log.LogInformation("model: training abandoned, the service is stopping");
        }
        catch (Exception e)
        {
            log.LogError("model: coordinating the training with the other replicas failed: {Error}", e.Message);
        }
    }

    private async Task TrainAsync(RatingsDataset data, bool publish)
    {
        try
        {
            modelState.TrainingStarted();
            var stopping = lifetime.ApplicationStopping;
            // Right after a reload the replaced data set waits for the collection the swap starts a second later; a
            // training started at once maps its scratch on top of it (the mix's resident peak, with 6.4 MB still
            // retired). Wait for it, a few seconds at most.
            await retired.WaitUntilFreedAsync(RetiredWait, RetiredPoll, stopping);
            var started = DateTimeOffset.UtcNow;
            // Off the request threads: training is CPU-bound for seconds.
            // The serving model's choice of the ranking's β and rank carries over while the data is about the size it was chosen on.
            var options = new ModelTrainingOptions { PreviousRanking = holder.Current?.Trained?.Ranking };
            var trained = await Task.Run(() => ModelTrainer.Train(data, options, started, cancellation: stopping));
            stopping.ThrowIfCancellationRequested();
            metrics.TrainingFinished(DateTimeOffset.UtcNow - started);
            var model = swap.ServeTrained(trained, data, started);
            modelState.TrainingFinished(null);
            if (model is null)
            {
                log.LogInformation("model: trained {Version} dropped: the catalogue changed while it trained", trained.Header.Version);
                return;
            }
            log.LogInformation("model: trained {Version} (k = {Clusters}, ranks {Taste}/{Ranking}, β {Beta} {Chosen}) in {Seconds:0.00}s, serving {Serving}",
                trained.Header.Version, trained.ClusterCount, trained.TasteRank, trained.RankingRank, trained.Ranking?.Beta,
                trained.Ranking is { } chosen && chosen == options.PreviousRanking ? "carried over" : "validated", (DateTimeOffset.UtcNow - started).TotalSeconds, model.Version);
            snapshots.SaveModel(trained);
            if (connection.Identity is { } store)
                snapshots.SaveData(model.Data, store);
            if (publish)
                await publication.PublishAsync(trained, lifetime.ApplicationStopping);
        }
        catch (Exception) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The host is stopping and has disposed what the swap needs; the last snapshot stays as it was.
            log.LogInformation("model: training abandoned, the service is stopping");
        }
        catch (Exception e)
        {
            modelState.TrainingFinished(e.Message);
            metrics.TrainingFailed();
            log.LogError("model: training failed, previous model kept: {Error}", e.Message);
        }
    }
}
