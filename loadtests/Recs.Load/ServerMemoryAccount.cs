using System.Text.Json;

namespace Recs.Load;

/// <summary>
/// The server's own account of its memory from GET /api/memory, in bytes: what the collector has committed, the heap
/// and the free space inside it at its last collection, the training's scratch outside the heap, the served model,
/// the cache, and the replaced models not yet freed. It says what a resident peak was made of.
/// </summary>
internal sealed record ServerMemoryAccount(
    long CommittedBytes, long HeapBytes, long FreeBytes, long ScratchBytes, long ModelBytes, long CacheBytes, long RetiredBytes)
{
    /// <summary>The account in an /api/memory body, or null when the body is not one (fields missing or of another kind).</summary>
    public static ServerMemoryAccount? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            var gc = root.GetProperty("gc");
            long retired = root.TryGetProperty("retired", out var r) ? r.GetProperty("bytes").GetInt64() : 0;
            return new ServerMemoryAccount(gc.GetProperty("committed_bytes").GetInt64(), gc.GetProperty("heap_size_bytes").GetInt64(),
                gc.GetProperty("fragmented_bytes").GetInt64(), root.GetProperty("training_scratch_bytes").GetInt64(),
                root.GetProperty("model_bytes").GetInt64(), root.GetProperty("cache").GetProperty("bytes").GetInt64(), retired);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>One line for the report, in the report's MB.</summary>
    public string Describe() =>
        $"collector {Mb(CommittedBytes)} committed (heap {Mb(HeapBytes)}, free {Mb(FreeBytes)}), scratch {Mb(ScratchBytes)}, " +
        $"model {Mb(ModelBytes)}, cache {Mb(CacheBytes)}, retired {Mb(RetiredBytes)}";

    private static string Mb(long bytes) => ThresholdEvaluator.Mb(bytes);
}
