namespace Recs.Aot.Http.Contracts;

/// <summary>The body of /api/memory; sizes in bytes.</summary>
public sealed record MemoryResponse(
    long WorkingSetBytes, long GcHeapBytes, long TotalAllocatedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections,
    CacheStats Cache, long ModelBytes);

public sealed record CacheStats(long Entries, long Hits, long Misses, double HitRatio);
