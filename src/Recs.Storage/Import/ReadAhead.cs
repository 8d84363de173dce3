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
    // producer run on while the consumer waits on its database.
    private const int ChunkItems = 4096;
    private const int ChunksInFlight = 4;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var chunks = new BlockingCollection<T[]>(ChunksInFlight);
        using var stop = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(
            () => Produce(source, chunks, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable())
            {
                foreach (var item in chunk)
                    yield return item;
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

    private static void Produce<T>(IEnumerable<T> source, BlockingCollection<T[]> chunks, CancellationToken stop)
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
                    chunks.Add(chunk, stop);
                    chunk = new T[ChunkItems];
                    count = 0;
                }
            }
            if (count > 0)
                chunks.Add(chunk[..count], stop);
        }
        finally
        {
            chunks.CompleteAdding();
        }
    }
}
