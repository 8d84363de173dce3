namespace Recs.Aot.Http.Contracts;

/// <summary>
/// The body of /api/memory; sizes in bytes. <c>model_bytes</c> is everything the served model holds (its data,
/// popularity ranking, trained arrays, and the neighbourhood ranker's index while no trained model exists), itemised
/// in <c>breakdown</c>; <c>gc</c> says how much of the working set the collector has committed and how much of that
/// was free after the last collection; <c>training_scratch_bytes</c> is what a training in progress holds outside the
/// collected heap (0 between trainings); <c>image_pages</c> says how much of the executable the last model swap took out
/// of the working set; <c>retired</c>, what replaced data sets and trained models the collector has not freed yet.
/// </summary>
public sealed record MemoryResponse(
    long WorkingSetBytes, long GcHeapBytes, long TotalAllocatedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections,
    CacheStats Cache, long ModelBytes, MemoryBreakdown Breakdown, GcMemory Gc, long TrainingScratchBytes, ImagePagesStats ImagePages,
    RetiredStats Retired);

/// <summary>
/// Data sets and trained models a swap replaced that are still in memory (estimated bytes). They go at the next full
/// collection once no request uses them, so a count that stays above 0 names a leak.
/// </summary>
public sealed record RetiredStats(int Count, long Bytes);

/// <summary>
/// The executable's clean read-only pages dropped from the working set after model swaps: how many such releases ran
/// and the resident bytes the last one dropped (both 0 when the setting is off or off Linux).
/// </summary>
public sealed record ImagePagesStats(long Releases, long LastReleasedBytes);

/// <summary>The recommendation cache: entries, the bytes they are counted at and the bound on them, hits and misses.</summary>
public sealed record CacheStats(long Entries, long Bytes, long MaxBytes, long Hits, long Misses, double HitRatio);

/// <summary>
/// Estimated bytes of the served model's parts: rating rows and catalogue, the trained arrays, the popularity ranking,
/// and who liked each film (the neighbourhood ranker's index, 0 once a trained model serves).
/// </summary>
public sealed record MemoryBreakdown(long DataBytes, long TrainedBytes, long PopularityBytes, long NeighbourhoodBytes);

/// <summary>
/// From the last collection: heap size and free space within it, memory committed by the collector, and how many
/// collections ran; and which collector the binary runs (server or workstation, concurrent or not, and the size of its
/// regions; 0 when the runtime does not say), since that decides how far the committed memory runs ahead of the live data.
/// </summary>
public sealed record GcMemory(
    long HeapSizeBytes, long FragmentedBytes, long CommittedBytes, long PromotedBytes, long Index, bool Server, bool Concurrent, long RegionBytes);
