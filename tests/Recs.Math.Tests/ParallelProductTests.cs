namespace Recs.Math.Tests;

/// <summary>The sparse products shared with the helper threads: identical to the one-core result, safe under concurrent callers, and allocation-free.</summary>
[Collection(AllocationMeasurements.Name)]
public sealed class ParallelProductTests
{
    private static (CsrMatrix Matrix, float[] X, float[] Expected) LargeCase()
    {
        var random = new Random(11);
        var (r, c, v) = TestMatrices.RandomTriples(1200, 500, 0.2, random);
        var a = CsrMatrix.FromTriples(r, c, v, 1200, 500);
        Assert.True(a.NonZeroCount > SparseProductWork.ParallelThreshold, "matrix too small to take the parallel path");
        var x = Enumerable.Range(0, 500).Select(_ => (float)random.NextDouble()).ToArray();
        // The one-core reference: the same row kernel over every row in order.
        var expected = new float[1200];
        CsrMatrix.ProductRange(a.RowPointers.ToArray(), a.ColumnIndices.ToArray(), a.Values.ToArray(), x, expected, 0, 1200);
        return (a, x, expected);
    }

    [Fact]
    public void Parallel_product_equals_the_sequential_kernel_exactly()
    {
        var (a, x, expected) = LargeCase();
        var y = new float[1200];
        for (int round = 0; round < 50; round++)
        {
            Array.Clear(y);
            a.Multiply(x, y);
            Assert.True(expected.AsSpan().SequenceEqual(y), $"round {round}: parallel product differs from the sequential kernel");
        }
    }

    [Fact]
    public void Concurrent_callers_each_get_their_own_correct_product()
    {
        var (a, x, expected) = LargeCase();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, caller =>
        {
            var y = new float[1200];
            for (int round = 0; round < 200; round++)
            {
                Array.Clear(y);
                a.Multiply(x, y);
                if (!expected.AsSpan().SequenceEqual(y))
                    failures.Add($"caller {caller}, round {round}");
            }
        });
        Assert.True(failures.IsEmpty, $"wrong products under concurrency: {string.Join("; ", failures.Take(5))}");
    }

    [Fact]
    public void Products_allocate_nothing_once_warm()
    {
        var (a, x, _) = LargeCase();
        var y = new float[1200];
        var yt = new float[500];
        a.Multiply(x, y);
        a.MultiplyTransposed(y, yt);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            a.Multiply(x, y);
            a.MultiplyTransposed(y, yt);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Nothing per product; the only tolerated bytes are one-time ones, such as the wait object the runtime
        // creates the first time this thread blocks for a helper (24 bytes seen). Parallel.For cost ~1.7 KB each.
        Assert.True(allocated < 400, $"400 products allocated {allocated} bytes on the calling thread");
    }
}
