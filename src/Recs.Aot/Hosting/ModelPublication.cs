using Recs.Engine.Model;
using Recs.Engine.Serving;
using Recs.Engine.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Models shared by the replicas of one store (<see cref="IReplicaCoordination"/>): the replica that trained publishes
/// its model; every other one loads the newest publication that pairs with the data it serves (same catalogue) and
/// was trained on data at least as new as its own model's. Loads run one at a time, and requests for one while one
/// runs are folded into a single follow-up. Models travel through a temporary file, never whole in memory.
/// Does nothing for a single-process store.
/// </summary>
public sealed class ModelPublication(
    IReplicaCoordination replicas, ServingSwap swap, ModelHolder holder, LocalSnapshots snapshots, ModelState modelState,
    ReplicaStatus status, ILogger<ModelPublication> log)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private int _loadQueued;

    /// <summary>Publishes <paramref name="trained"/> for the other replicas; a failure is logged (they train themselves later).</summary>
    public async Task PublishAsync(TrainedModel trained, CancellationToken ct)
    {
        if (!replicas.Shared)
            return;
        try
        {
            var started = DateTimeOffset.UtcNow;
            await using var file = TemporaryFile();
            ModelSnapshot.Write(trained, file);
            file.Position = 0;
            var h = trained.Header;
            var published = await replicas.PublishModelAsync(h.Version, h.DataSequence, h.CatalogueFingerprint, file, ct);
            status.PublishedModelServed(published.Id);
            log.LogInformation("replicas: published model {Version} as #{Id} ({Megabytes:0.0} MB) in {Seconds:0.00}s",
                h.Version, published.Id, published.Bytes / 1e6, (DateTimeOffset.UtcNow - started).TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("replicas: could not publish the model, the others will train themselves: {Error}", e.Message);
        }
    }

    /// <summary>Loads the newest publication in the background (see <see cref="LoadNewestAsync"/>), unless a load is already waiting to start.</summary>
    public void RequestLoad()
    {
        if (!replicas.Shared || Interlocked.Exchange(ref _loadQueued, 1) == 1)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await LoadNewestAsync(minimumDataSequence: 0, CancellationToken.None, started: () => Volatile.Write(ref _loadQueued, 0));
            }
            catch (Exception e)
            {
                log.LogWarning("replicas: loading the published model failed: {Error}", e.Message);
            }
        });
    }

    /// <summary>
    /// Serves the newest published model when it is newer than any this process has served, pairs with the data now
    /// serving, was trained on data at sequence <paramref name="minimumDataSequence"/> or later, and on data no older
    /// than the serving model's. Returns whether it now serves. <paramref name="started"/>, when given, is called once
    /// this load holds the one-at-a-time gate (callers coalescing requests clear their flag there).
    /// </summary>
    public async Task<bool> LoadNewestAsync(long minimumDataSequence, CancellationToken ct, Action? started = null)
    {
        if (!replicas.Shared)
            return false;
        await _loading.WaitAsync(ct);
        try
        {
            started?.Invoke();
            var latest = await replicas.LatestModelAsync(ct);
            var current = holder.Current;
            if (latest is null || latest.Id <= status.PublishedModelId || latest.DataSequence < minimumDataSequence || current is null)
                return false;
            if (current.Trained is { } serving && serving.Header.DataSequence >= latest.DataSequence)
                return false;
            if (latest.CatalogueFingerprint != CatalogueFingerprint.Of(current.Data))
            {
                log.LogInformation("replicas: published model #{Id} is of another catalogue than the data served; waiting for the next", latest.Id);
                return false;
            }
            var begun = DateTimeOffset.UtcNow;
            TrainedModel trained;
            await using (var file = TemporaryFile())
            {
                if (!await replicas.CopyModelAsync(latest.Id, file, ct))
                    return false;
                file.Position = 0;
                trained = ModelSnapshot.Read(file);
            }
            var model = swap.ServeTrained(trained, current.Data, begun);
            if (model is null)
                return false;
            status.PublishedModelServed(latest.Id);
            modelState.PublishedModelLoaded();
            log.LogInformation("replicas: serving published model #{Id} {Version} ({Megabytes:0.0} MB) loaded in {Seconds:0.00}s",
                latest.Id, latest.Version, latest.Bytes / 1e6, (DateTimeOffset.UtcNow - begun).TotalSeconds);
            snapshots.SaveModel(trained);
            return true;
        }
        catch (InvalidDataException e)
        {
            log.LogError("replicas: the published model is unreadable, training here instead: {Error}", e.Message);
            return false;
        }
        finally
        {
            _loading.Release();
        }
    }

    // Deleted when closed, so neither a failure nor a crash between write and read leaves it behind for long.
    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), $"recs-model-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
