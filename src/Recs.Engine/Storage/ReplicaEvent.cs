namespace Recs.Engine.Storage;

/// <summary>What another replica did, or that the channel to them was (re)opened (see <see cref="IReplicaCoordination.ListenAsync"/>).</summary>
public enum ReplicaEventKind
{
    /// <summary>Listening (again): notifications sent while the channel was down are lost, so check for what was missed.</summary>
    Listening,

    /// <summary>A model was published; <see cref="ReplicaEvent.Sequence"/> is its id.</summary>
    ModelPublished,

    /// <summary>A person's upload committed; <see cref="ReplicaEvent.Sequence"/> is the write's change sequence.</summary>
    PersonWritten,

    /// <summary>The channel broke (<see cref="ReplicaEvent.Text"/> says why); it is being reopened, and <see cref="Listening"/> follows when it is.</summary>
    Lost,
}

/// <summary>One notification between replicas.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Sequence">The published model's id, or the person write's change sequence; 0 for <see cref="ReplicaEventKind.Listening"/>.</param>
/// <param name="Text">The normalised username of a <see cref="ReplicaEventKind.PersonWritten"/>, the error of a <see cref="ReplicaEventKind.Lost"/>; null otherwise.</param>
public readonly record struct ReplicaEvent(ReplicaEventKind Kind, long Sequence, string? Text);
