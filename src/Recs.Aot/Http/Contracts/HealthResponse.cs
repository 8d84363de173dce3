namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /health: status is healthy or degraded (200), starting or unhealthy (503).</summary>
public sealed record HealthResponse(
    string Status, DatabaseHealth Database, CountsInfo? Counts, ModelHealth Model, ReplicasHealth Replicas, bool DemoData, double UptimeSeconds);

/// <summary>
/// How this process works with others on the same store: <c>mode</c> is "single-process" for the embedded SQLite store
/// (one process only; start no second one on the same file) or "shared" for PostgreSQL, where replicas take turns to
/// train, load each other's published models and hear each other's uploads. <c>listening</c>: the notification
/// channel is open; <c>published_model</c>: the newest published model loaded or published here (0: none);
/// <c>training_lease</c>: "another replica" when one held the lease at this process's last attempt to train.
/// </summary>
public sealed record ReplicasHealth(string Mode, bool Listening, long PublishedModel, string? TrainingLease, string? LastError);

public sealed record DatabaseHealth(string Kind, string Target, bool Reachable, double? LatencyMs, string? Error);

public sealed record CountsInfo(long Users, long Films, long Ratings);

/// <summary>
/// The data being served: <c>data_sequence</c> is the store change sequence it was read at (every write up to it is in
/// it); <c>data_source</c> how it was last read: "snapshot" (the local data snapshot, not yet checked against the
/// store), "store" (everything read) or "changes" (only what changed since the data already held).
/// </summary>
public sealed record ModelHealth(string State, string? Version, DateTimeOffset? TrainedAt, int Users, int Films, int Ratings, long DataSequence,
    string? DataSource, int PendingUploads, string? LastError, TrainedModelHealth Trained);

/// <summary>The SVD and cluster model: whether one serves, where it came from, its shape, and the training state and last error.</summary>
public sealed record TrainedModelHealth(
    bool Serving, string? Version, DateTimeOffset? TrainedAt, string? Source, int Clusters, int TasteRank, int RankingRank,
    int TrainedRatings, long TrainedDataSequence, string Training, string? LastError);
