using System.Runtime.CompilerServices;

namespace Recs.Math.Tests;

/// <summary>The per-run pool of scratch arrays: what it lends again, to whom, and that it holds nothing once dropped.</summary>
public sealed class ScratchPoolTests
{
    [Fact]
    public void A_returned_array_is_lent_again_for_its_own_element_type_and_a_fitting_length()
    {
        var pool = new ScratchPool();
        var floats = pool.Rent<float>(1000);
        Assert.Equal(1000, floats.Length);
        pool.Return(floats);
        Assert.Equal(4000, pool.RetainedBytes);

        Assert.NotSame(floats, pool.Rent<float>(1001));
        var ints = pool.Rent<int>(1000);
        Assert.NotSame((object)floats, ints);
        Assert.Same(floats, pool.Rent<float>(600));
        Assert.Equal(0, pool.RetainedBytes);
    }

    [Fact]
    public void The_smallest_fitting_array_is_lent_and_a_small_request_leaves_a_large_array_alone()
    {
        var pool = new ScratchPool();
        var large = pool.Rent<double>(1_000_000);
        var medium = pool.Rent<double>(5_000);
        pool.Return(large);
        pool.Return(medium);

        Assert.Same(medium, pool.Rent<double>(4_000));
        var small = pool.Rent<double>(100);
        Assert.NotSame(large, small);
        Assert.Equal(100, small.Length);
        Assert.Same(large, pool.Rent<double>(900_000));
    }

    [Fact]
    public void Concurrent_borrowers_never_hold_the_same_array()
    {
        var pool = new ScratchPool();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, borrower =>
        {
            var random = new Random(borrower);
            for (int round = 0; round < 2_000; round++)
            {
                var array = pool.Rent<int>(16 + random.Next(64));
                Array.Fill(array, borrower);
                Thread.SpinWait(20);
                if (array.Any(value => value != borrower))
                    failures.Add($"borrower {borrower}, round {round}: another borrower wrote into its array");
                pool.Return(array);
            }
        });
        Assert.True(failures.IsEmpty, string.Join("; ", failures.Take(5)));
    }

    [Fact]
    public void Arrays_held_by_a_dropped_pool_can_be_collected()
    {
        var arrays = FillAndDropPool();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int alive = arrays.Count(reference => reference.IsAlive);
        Assert.True(alive == 0, $"{alive} of {arrays.Length} arrays outlived their pool: something else still references them");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] FillAndDropPool()
    {
        var pool = new ScratchPool();
        var arrays = new Array[] { pool.Rent<float>(100_000), pool.Rent<double>(5_000), pool.Rent<int>(10) };
        pool.Return((float[])arrays[0]);
        pool.Return((double[])arrays[1]);
        pool.Return((int[])arrays[2]);
        Assert.Same(arrays[1], pool.Rent<double>(5_000));
        pool.Return((double[])arrays[1]);
        return [.. arrays.Select(array => new WeakReference(array))];
    }
}
