namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/cache/{username}: whether the user's recommendations were already cached, and what is cached now.</summary>
public sealed record CacheResponse(string Username, bool CachedAlready, bool Cached, string Mode, int Items, double TtlSeconds, double ElapsedMs);
