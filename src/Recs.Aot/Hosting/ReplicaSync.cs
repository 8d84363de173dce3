using Microsoft.Extensions.Options;
using Recs.Aot.Recommendations;
using Recs.Engine.Serving;
using Recs.Engine.Storage;

namespace Recs.Aot.Hosting;

/// <summary>
/// Keeps this process in step with the other replicas of its store, from their notifications
/// (<see cref="IReplicaCoordination.ListenAsync"/>):
/// <list type="bullet">
/// <item>a person's upload committed elsewhere: their stored state is read and recorded in <see cref="UploadedUsers"/>
/// (which serves it until the data holds it) — within milliseconds of the commit. Their cached list then misses by
/// itself (a hit needs the person's current upload sequence), so it is not removed: a removal raced this process's own
/// uploads, whose notification can arrive after the upload's reply cached the list of that very sequence;</item>
/// <item>a model was published: it is loaded (<see cref="ModelPublication"/>); when it was trained on older data than
/// this process serves, a training of the newest data is queued (under the lease, so one replica runs it);</item>
/// <item>the channel (re)opened: anything missed meanwhile is caught up by a reload of the changes and a model check.</item>
/// </list>
/// A check for a newer published model every <see cref="RecsOptions.ReplicaCheckSeconds"/> backs up the notifications.
/// Does nothing for a single-process store.
/// </summary>
public sealed class ReplicaSync(
    IReplicaCoordination replicas, ModelPublication publication, IRatingStore store, UploadedUsers uploads,
    ModelHolder holder, ModelLoader loader, TrainingLoop trainer, ReplicaStatus status, IOptions<RecsOptions> options,
    ILogger<ReplicaSync> log) : BackgroundService
{
    private int _publishedLoadQueued;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!replicas.Shared)
            return;
        var backstop = CheckPeriodicallyAsync(stoppingToken);
        try
        {
            await foreach (var e in replicas.ListenAsync(stoppingToken))
                await HandleAsync(e, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await backstop;
    }

    private async Task HandleAsync(ReplicaEvent e, CancellationToken ct)
    {
        switch (e.Kind)
        {
            case ReplicaEventKind.Listening:
                status.ChannelOpen();
                log.LogInformation("replicas: listening to the other replicas");
                // Notifications sent while nobody listened are gone: read what changed, and look for a newer model.
                if (holder.Current is not null)
                    loader.RequestReload();
                publication.RequestLoad();
                break;
            case ReplicaEventKind.Lost:
                status.ChannelLost(e.Text);
                log.LogWarning("replicas: the channel to the other replicas broke, reopening: {Error}", e.Text);
                break;
            case ReplicaEventKind.ModelPublished:
                // One load waiting at most: it reads the newest publication, whichever notification woke it.
                if (Interlocked.Exchange(ref _publishedLoadQueued, 1) == 0)
                    _ = Task.Run(() => LoadPublishedAsync(ct), CancellationToken.None);
                break;
            case ReplicaEventKind.PersonWritten when e.Text is { } username:
                await AbsorbPersonAsync(username, e.Sequence, ct);
                break;
        }
    }

    private async Task LoadPublishedAsync(CancellationToken ct)
    {
        try
        {
            await publication.LoadNewestAsync(minimumDataSequence: 0, ct, started: () => Volatile.Write(ref _publishedLoadQueued, 0));
            // Published from older data than served here: the newest data still wants its own model (one replica trains it).
            if (holder.Current is { Trained: { } trained } current && trained.Header.DataSequence < current.Data.Sequence)
                trainer.Queue(current.Data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("replicas: loading the published model failed: {Error}", e.Message);
        }
    }

    // Our own uploads come back too, and so do people the data already holds: both are recognised by the sequence.
    private async Task AbsorbPersonAsync(string username, long sequence, CancellationToken ct)
    {
        var current = holder.Current;
        if (current is null || current.Data.Sequence >= sequence || uploads.Find(username)?.Sequence >= sequence)
            return;
        try
        {
            if (uploads.IsFull)
            {
                loader.RequestReload();
                return;
            }
            if (await store.ReadPersonAsync(username, ct) is not { } person)
                return;
            uploads.Record(UploadedUser.FromStore(username, person.RatedSlugs, person.Stars, person.ExcludedSlugs, person.Sequence, current.Data));
            if (uploads.WantsReload)
                loader.RequestReload();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The reload of the changes reads them with everything else.
            log.LogWarning("replicas: reading {User}'s upload from another replica failed, reloading the changes: {Error}", username, e.Message);
            loader.RequestReload();
        }
    }

    private async Task CheckPeriodicallyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(System.Math.Max(1, options.Value.ReplicaCheckSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                publication.RequestLoad();
        }
        catch (OperationCanceledException)
        {
        }
    }
}
