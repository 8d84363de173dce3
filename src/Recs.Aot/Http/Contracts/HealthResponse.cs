namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /health: status is healthy, degraded or unhealthy.</summary>
public sealed record HealthResponse(string Status, DatabaseHealth Database, CountsInfo? Counts, ModelHealth Model, bool DemoData, double UptimeSeconds);

public sealed record DatabaseHealth(string Kind, string Target, bool Reachable, double? LatencyMs, string? Error);

public sealed record CountsInfo(long Users, long Films, long Ratings);

public sealed record ModelHealth(string State, string? Version, DateTimeOffset? TrainedAt, int Users, int Films, int Ratings, string? LastError,
    TrainedModelHealth Trained);

/// <summary>The SVD and cluster model: whether one serves, where it came from, its shape, and the training state and last error.</summary>
public sealed record TrainedModelHealth(
    bool Serving, string? Version, DateTimeOffset? TrainedAt, string? Source, int Clusters, int TasteRank, int RankingRank,
    int TrainedRatings, string Training, string? LastError);
