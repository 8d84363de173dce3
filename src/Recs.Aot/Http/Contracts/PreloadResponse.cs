namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/preload: progress of the background warm-up of the most active users' recommendations.</summary>
public sealed record PreloadResponse(string State, int Requested, int Completed, int Failed, DateTimeOffset? StartedAt, double ElapsedMs);
