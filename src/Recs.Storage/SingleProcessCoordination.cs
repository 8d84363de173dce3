using Recs.Engine.Storage;

namespace Recs.Storage;

/// <summary>
/// Coordination for a store only one process serves (the embedded SQLite file): the lease is always granted, nothing
/// is published and no other process speaks.
/// </summary>
public sealed class SingleProcessCoordination : IReplicaCoordination
{
    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public bool Shared => false;

    public Task<IAsyncDisposable?> TryTakeTrainingLeaseAsync(CancellationToken ct = default) => Task.FromResult<IAsyncDisposable?>(NoLease.Instance);

    public Task<PublishedModel> PublishModelAsync(string version, long dataSequence, ulong catalogueFingerprint, Stream snapshot, CancellationToken ct = default) =>
        throw new NotSupportedException("a single-process store has no other process to publish to");

    public Task<PublishedModel?> LatestModelAsync(CancellationToken ct = default) => Task.FromResult<PublishedModel?>(null);

    public Task<bool> CopyModelAsync(long id, Stream destination, CancellationToken ct = default) => Task.FromResult(false);

    public IAsyncEnumerable<ReplicaEvent> ListenAsync(CancellationToken ct = default) => AsyncEnumerable.Empty<ReplicaEvent>();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
