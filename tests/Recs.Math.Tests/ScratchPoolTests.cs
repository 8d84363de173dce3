using System.Runtime.CompilerServices;

namespace Recs.Math.Tests;

/// <summary>
/// The per-run pool of work buffers: what it lends again, that a buffer used after its return fails loudly, and that
/// its pages go back to the operating system when it is disposed (or, undisposed, finalised).
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class ScratchPoolTests
{
    [Fact]
    public void A_returned_block_is_lent_again_to_a_request_that_fits()
    {
        using var pool = new ScratchPool();
        var floats = pool.Rent<float>(1000);
        Assert.Equal(1000, floats.Length);
        nint block = Address(floats);
        pool.Return(floats);
        Assert.True(pool.RetainedBytes >= 4000, $"the pool retains {pool.RetainedBytes} bytes after a 4,000-byte return");

        // Too large for the block, then a request of another element type that fits in its bytes.
        var larger = pool.Rent<float>(1001);
        Assert.False(Address(larger) == block, "a block was lent for more elements than it holds");
        var ints = pool.Rent<int>(600);
        Assert.Equal(600, ints.Length);
        Assert.True(Address(ints) == block, "a returned block that fits was not lent again");
        Assert.Equal(0, pool.RetainedBytes);
    }

    [Fact]
    public void The_smallest_fitting_block_is_lent_and_a_small_request_leaves_a_large_block_alone()
    {
        using var pool = new ScratchPool();
        var large = pool.Rent<double>(1_000_000);
        var medium = pool.Rent<double>(5_000);
        (nint largeBlock, nint mediumBlock) = (Address(large), Address(medium));
        pool.Return(large);
        pool.Return(medium);

        Assert.True(Address(pool.Rent<double>(4_000)) == mediumBlock, "the medium block was not chosen for a medium request");
        var small = pool.Rent<double>(100);
        Assert.False(Address(small) == largeBlock, "a 100-element request took the million-element block");
        Assert.Equal(100, small.Length);
        Assert.True(Address(pool.Rent<double>(900_000)) == largeBlock, "the large block was not lent for a large request");
    }

    [Fact]
    public void Concurrent_borrowers_never_hold_the_same_block()
    {
        using var pool = new ScratchPool();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, borrower =>
        {
            var random = new Random(borrower);
            for (int round = 0; round < 2_000; round++)
            {
                var buffer = pool.Rent<int>(16 + random.Next(64));
                buffer.Span.Fill(borrower);
                Thread.SpinWait(20);
                if (buffer.Span.ContainsAnyExcept(borrower))
                    failures.Add($"borrower {borrower}, round {round}: another borrower wrote into its buffer");
                pool.Return(buffer);
            }
        });
        Assert.True(failures.IsEmpty, string.Join("; ", failures.Take(5)));
    }

    [Fact]
    public void A_buffer_used_after_its_return_or_the_pools_disposal_throws_instead_of_touching_the_pages()
    {
        var pool = new ScratchPool();
        var returned = pool.Rent<float>(64);
        pool.Return(returned);
        Assert.Throws<ObjectDisposedException>(() => returned.Span[0] = 1);
        Assert.Throws<InvalidOperationException>(() => pool.Return(returned));
        Assert.Throws<ArgumentException>(() => pool.Return(new Memory<float>(new float[4])));

        var lent = pool.Rent<float>(64);
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => lent.Span[0] = 1);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent<float>(1));
        Assert.Equal(0, pool.MappedBytes);
    }

    [Fact]
    public void Trimming_unmaps_the_returned_blocks_and_leaves_lent_ones_usable()
    {
        using var pool = new ScratchPool();
        var kept = pool.Rent<int>(10_000);
        kept.Span.Fill(7);
        pool.Return(pool.Rent<float>(50_000));
        long mapped = pool.MappedBytes;

        pool.Trim();

        Assert.Equal(0, pool.RetainedBytes);
        Assert.True(pool.MappedBytes <= mapped - 200_000, $"trimming left {pool.MappedBytes} of {mapped} bytes mapped");
        Assert.False(kept.Span.ContainsAnyExcept(7), "a lent buffer changed when the pool was trimmed");
        pool.Return(kept);
    }

    [Fact]
    public void Disposing_the_pool_gives_its_pages_back_to_the_operating_system()
    {
        // The resident set comes from /proc/self/status: the tests run on Linux, like the service.
        const int megabytes = 256;
        long before = ResidentBytes();
        var pool = new ScratchPool();
        var buffer = pool.Rent<byte>(megabytes << 20);
        // Every page written, so every page is resident.
        buffer.Span.Fill(1);
        long held = ResidentBytes();
        Assert.True(held - before > (megabytes - 16L) << 20,
            $"writing {megabytes} MB raised the resident set by only {(held - before) >> 20} MB");
        Assert.True(ScratchPool.ProcessMappedBytes >= megabytes << 20, "the process-wide count misses the pool's pages");

        pool.Return(buffer);
        pool.Dispose();
        long after = ResidentBytes();
        Assert.True(held - after > (megabytes - 16L) << 20,
            $"the resident set fell by only {(held - after) >> 20} MB when a pool holding {megabytes} MB was disposed");
    }

    [Fact]
    public void A_pool_nobody_disposed_unmaps_its_pages_when_finalised()
    {
        long before = ScratchPool.ProcessMappedBytes;
        FillAndDropPool();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long after = ScratchPool.ProcessMappedBytes;
        Assert.True(after <= before, $"{after - before} bytes stayed mapped after their pool was dropped and finalised");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FillAndDropPool()
    {
        var pool = new ScratchPool();
        var floats = pool.Rent<float>(100_000);
        floats.Span.Fill(1);
        pool.Return(floats);
        pool.Rent<double>(5_000).Span.Clear();
        Assert.True(ScratchPool.ProcessMappedBytes >= 440_000, "the pool's blocks are missing from the process-wide count");
    }

    private static unsafe nint Address<T>(Memory<T> buffer) where T : unmanaged
    {
        fixed (T* first = buffer.Span)
            return (nint)first;
    }

    private static long ResidentBytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim()[..^3].Trim()) * 1024;
        }
        throw new InvalidOperationException("/proc/self/status has no VmRSS line");
    }

    [Fact]
    public void Peak_remembers_the_most_mapped_after_the_pages_are_given_back()
    {
        // Process-wide figures that other tests move too, so only what this test adds is asserted, as lower bounds.
        using var pool = new ScratchPool();
        ScratchPool.ResetPeak();
        long before = ScratchPool.ProcessMappedBytes;
        var buffer = pool.Rent<byte>(4 << 20);
        pool.Return(buffer);
        pool.Trim();
        Assert.True(pool.MappedBytes == 0, $"the trimmed pool still maps {pool.MappedBytes} bytes");
        Assert.True(ScratchPool.PeakProcessMappedBytes >= before + (4 << 20),
            $"peak {ScratchPool.PeakProcessMappedBytes} bytes is below the {before} mapped before plus the 4 MB rented");
    }
}
