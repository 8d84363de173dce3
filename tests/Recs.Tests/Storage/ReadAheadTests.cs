using Recs.Storage.Import;

namespace Recs.Tests.Storage;

/// <summary>Reading ahead on another thread changes neither what the consumer sees nor which exception it gets.</summary>
public sealed class ReadAheadTests
{
    [Fact]
    public void Every_item_arrives_once_in_order_across_chunk_boundaries()
    {
        foreach (int n in new[] { 0, 1, 4095, 4096, 4097, 50_000 })
        {
            var seen = ReadAhead.Of(Enumerable.Range(0, n)).ToList();
            Assert.True(Enumerable.Range(0, n).SequenceEqual(seen), $"{n} items did not arrive once each in order");
        }
    }

    [Fact]
    public void An_exception_of_the_source_reaches_the_consumer_as_thrown()
    {
        static IEnumerable<int> Failing()
        {
            for (int i = 0; i < 10_000; i++)
                yield return i;
            throw new ImportFormatException("line 10001: the file is not valid UTF-8 text");
        }

        var error = Assert.Throws<ImportFormatException>(() => ReadAhead.Of(Failing()).Count());
        Assert.Contains("line 10001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consumer_that_stops_early_stops_the_source_before_enumeration_ends()
    {
        int produced = 0;
        bool sourceFinished = false;
        IEnumerable<int> Endless()
        {
            try
            {
                while (true)
                {
                    Interlocked.Increment(ref produced);
                    yield return produced;
                }
            }
            finally
            {
                Volatile.Write(ref sourceFinished, true);
            }
        }

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (int item in ReadAhead.Of(Endless()))
            {
                if (item > 10_000)
                    throw new InvalidOperationException("the store failed");
            }
        });
        Assert.True(Volatile.Read(ref sourceFinished), "the source was still running after the consumer's enumeration ended");
    }
}
