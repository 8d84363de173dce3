using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Recs.Engine.Storage;

namespace Recs.Storage.Import;

/// <summary>
/// Enumerates a source on a thread of its own, a few thousand items ahead of the consumer, so that reading and parsing
/// a file overlaps with the store writing what was parsed: on two cores an import is bounded by the slower of the two
/// rather than by their sum. The source's exceptions reach the consumer as thrown; a consumer that stops early stops the
/// source, and by the time enumeration ends the source is no longer running (its reader may be disposed).
/// </summary>
internal static class ReadAhead
{
    // Items travel in arrays, so the handover between threads costs once per chunk; four chunks in flight let the
    // producer run on while the consumer waits on its database. A chunk of ratings is 128 KB, on the large-object
    // heap, so the consumer hands each one back for reuse rather than leaving thousands to a full collection.
    private const int ChunkItems = 4096;
    private const int ChunksInFlight = 4;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source) => Of(source, null, "");

    /// <summary>
    /// <see cref="Of{T}(IEnumerable{T})"/>, recording in <paramref name="stages"/> the reading thread's busy time as
    /// <paramref name="readStage"/> and the time the consumer waited for it.
    /// </summary>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, StageTimes? stages, string readStage)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var chunks = new BlockingCollection<Chunk<T>>(ChunksInFlight);
        var free = new ConcurrentQueue<T[]>();
        using var stop = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(
            () => Produce(source, chunks, free, stages, readStage, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // Timed a chunk at a time, so that measuring costs nothing per item.
        long waited = 0;
        try
        {
            while (true)
            {
                long before = Stopwatch.GetTimestamp();
                bool more = chunks.TryTake(out var chunk, Timeout.Infinite);
                waited += Stopwatch.GetTimestamp() - before;
                if (!more)
                    break;
                for (int i = 0; i < chunk.Count; i++)
                    yield return chunk.Items[i];
                // Every item has been copied out (or, for a reference, handed over), so the array is free again.
                free.Enqueue(chunk.Items);
            }
        }
        finally
        {
            stages?.AddWaitingForRows(Stopwatch.GetElapsedTime(0, waited));
            stop.Cancel();
            // Waits for the producer whether the consumer finished, failed or stopped early; its failure, if any, wins.
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException e) when (e.InnerException is OperationCanceledException && stop.IsCancellationRequested)
            {
            }
            catch (AggregateException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }

    private static void Produce<T>(
        IEnumerable<T> source, BlockingCollection<Chunk<T>> chunks, ConcurrentQueue<T[]> free, StageTimes? stages, string readStage, CancellationToken stop)
    {
        long start = Stopwatch.GetTimestamp();
        long blocked = 0;
        try
        {
            var chunk = new T[ChunkItems];
            int count = 0;
            foreach (var item in source)
            {
                chunk[count++] = item;
                if (count == ChunkItems)
                {
                    long before = Stopwatch.GetTimestamp();
                    chunks.Add(new Chunk<T>(chunk, count), stop);
                    blocked += Stopwatch.GetTimestamp() - before;
                    chunk = free.TryDequeue(out var reused) ? reused : new T[ChunkItems];
                    count = 0;
                }
            }
            if (count > 0)
                chunks.Add(new Chunk<T>(chunk, count), stop);
        }
        finally
        {
            // The busy time: reading and parsing, without the waits for the consumer to free a slot.
            stages?.Add(readStage, Stopwatch.GetElapsedTime(start) - Stopwatch.GetElapsedTime(0, blocked));
            chunks.CompleteAdding();
        }
    }

    private readonly record struct Chunk<T>(T[] Items, int Count);
}
