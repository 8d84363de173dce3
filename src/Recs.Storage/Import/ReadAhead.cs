using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

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

    public static IEnumerable<T> Of<T>(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var chunks = new BlockingCollection<Chunk<T>>(ChunksInFlight);
        var free = new ConcurrentQueue<T[]>();
        using var stop = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(
            () => Produce(source, chunks, free, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable())
            {
                for (int i = 0; i < chunk.Count; i++)
                    yield return chunk.Items[i];
                // Every item has been copied out (or, for a reference, handed over), so the array is free again.
                free.Enqueue(chunk.Items);
            }
        }
        finally
        {
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

    private static void Produce<T>(IEnumerable<T> source, BlockingCollection<Chunk<T>> chunks, ConcurrentQueue<T[]> free, CancellationToken stop)
    {
        try
        {
            var chunk = new T[ChunkItems];
            int count = 0;
            foreach (var item in source)
            {
                chunk[count++] = item;
                if (count == ChunkItems)
                {
                    chunks.Add(new Chunk<T>(chunk, count), stop);
                    chunk = free.TryDequeue(out var reused) ? reused : new T[ChunkItems];
                    count = 0;
                }
            }
            if (count > 0)
                chunks.Add(new Chunk<T>(chunk, count), stop);
        }
        finally
        {
            chunks.CompleteAdding();
        }
    }

    private readonly record struct Chunk<T>(T[] Items, int Count);
}
