namespace Recs.Engine.Storage;

/// <summary>
/// How service processes that share one store work together, with the database as the only coordinator: one process
/// trains at a time (a lease), a trained model is published where every process can load it, and each process hears
/// of the others' uploads and publications. A single-process store (<see cref="Shared"/> false) grants every lease,
/// publishes nowhere and hears nothing.
/// </summary>
public interface IReplicaCoordination : IAsyncDisposable
{
    /// <summary>True when other processes may serve the same store at once (PostgreSQL); false for the embedded store.</summary>
    bool Shared { get; }

    /// <summary>
    /// The training lease when no other process holds it, else null. Disposing it releases it; so does the end of the
    /// holder's process or connection, so a crashed trainer never blocks the others.
    /// </summary>
    Task<IAsyncDisposable?> TryTakeTrainingLeaseAsync(CancellationToken ct = default);

    /// <summary>
    /// Publishes the model snapshot read from <paramref name="snapshot"/> (to its end) and notifies the other processes;
    /// keeps the two newest publications. Returns the publication's description.
    /// </summary>
    Task<PublishedModel> PublishModelAsync(string version, long dataSequence, ulong catalogueFingerprint, Stream snapshot, CancellationToken ct = default);

    /// <summary>The newest published model, or null when none is.</summary>
    Task<PublishedModel?> LatestModelAsync(CancellationToken ct = default);

    /// <summary>Copies the snapshot bytes of publication <paramref name="id"/> to <paramref name="destination"/>; false when it is gone (superseded twice).</summary>
    Task<bool> CopyModelAsync(long id, Stream destination, CancellationToken ct = default);

    /// <summary>
    /// Events from the other processes until <paramref name="ct"/> is cancelled. Starts with
    /// <see cref="ReplicaEventKind.Listening"/>, and repeats it after every reconnection; never throws except on
    /// cancellation (a lost connection is retried with backoff). Ends at once for a single-process store.
    /// </summary>
    IAsyncEnumerable<ReplicaEvent> ListenAsync(CancellationToken ct = default);
}
