namespace Recs.Aot.Hosting;

/// <summary>What /health reports about the other processes serving the same store (see ReplicaSync and ModelPublication).</summary>
public sealed class ReplicaStatus
{
    private volatile string? _channelError;
    private long _publishedModelId;

    /// <summary>True while the notification channel to the other replicas is open.</summary>
    public bool Listening { get; private set; }

    /// <summary>Why the channel last broke; cleared when it is open again.</summary>
    public string? ChannelError => _channelError;

    /// <summary>The newest published model this process loaded or published itself; 0 when none.</summary>
    public long PublishedModelId => Interlocked.Read(ref _publishedModelId);

    /// <summary>"another replica" while one held the training lease at this process's last attempt to train, else null.</summary>
    public string? LeaseHeldBy { get; private set; }

    public void ChannelOpen()
    {
        Listening = true;
        _channelError = null;
    }

    public void ChannelLost(string? error)
    {
        Listening = false;
        _channelError = error;
    }

    /// <summary>Records that publication <paramref name="id"/> serves here (or a later one does already).</summary>
    public void PublishedModelServed(long id)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _publishedModelId)) < id && Interlocked.CompareExchange(ref _publishedModelId, id, seen) != seen)
        {
        }
    }

    public void LeaseRefused() => LeaseHeldBy = "another replica";

    public void LeaseTaken() => LeaseHeldBy = null;
}
