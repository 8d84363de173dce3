using System.Runtime.InteropServices;
using Recs.Aot.Hosting;

namespace Recs.Tests.Hosting;

/// <summary>
/// NativeHeap.Trim hands freed C-library memory back to the system. Checked on real allocations in this process: blocks
/// below the allocator's mmap threshold come from an arena; once they are freed behind a block still in use, their pages
/// stay resident (free only trims an arena's top) until the trim, and read as absent after it (mincore).
/// </summary>
public sealed partial class NativeHeapTests
{
    private const int Blocks = 192;
    private const int BlockBytes = 64 * 1024;
    private static readonly int PageSize = Environment.SystemPageSize;

    [Fact]
    public void Trim_returns_the_pages_of_blocks_freed_inside_an_arena()
    {
        if (!OperatingSystem.IsLinux())
            return;
        long residentAfterFree = 0, residentAfterTrim = 0, held = (long)Blocks * BlockBytes;
        bool trimmed = false;
        // A thread of its own, so the blocks come from one arena and nothing else of this test frees into them.
        var thread = new Thread(() =>
        {
            var blocks = new nint[Blocks];
            unsafe
            {
                for (int i = 0; i < Blocks; i++)
                {
                    blocks[i] = (nint)NativeMemory.Alloc(BlockBytes);
                    new Span<byte>((void*)blocks[i], BlockBytes).Fill(0x5a);
                }
                // Still in use above the freed blocks: the arena's top stays taken, so free alone cannot shrink it.
                void* guard = NativeMemory.Alloc(BlockBytes);
                for (int i = 0; i < Blocks; i++)
                    NativeMemory.Free((void*)blocks[i]);
                residentAfterFree = ResidentBytes(blocks);
                trimmed = NativeHeap.Trim();
                residentAfterTrim = ResidentBytes(blocks);
                NativeMemory.Free(guard);
            }
        });
        thread.Start();
        thread.Join();

        Assert.True(residentAfterFree > held / 2,
            $"only {residentAfterFree} of {held} freed bytes were still resident before the trim: the check would prove nothing");
        Assert.True(trimmed, "malloc_trim reported that it released nothing");
        Assert.True(residentAfterTrim < held / 4, $"{residentAfterTrim} of {held} freed bytes are still resident after the trim");
    }

    [Fact]
    public void An_operators_MALLOC_ARENA_MAX_is_not_overridden()
    {
        if (!OperatingSystem.IsLinux())
            return;
        string? before = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX");
        Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", "4");
        try
        {
            Assert.False(NativeHeap.LimitArenas(2), "the cap was set although MALLOC_ARENA_MAX was given");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", before);
        }
        Assert.True(NativeHeap.LimitArenas(16), "glibc's mallopt refused the arena cap");
    }

    // Resident bytes of the whole pages inside each block (the allocator's own header sits in the first page).
    private static unsafe long ResidentBytes(nint[] blocks)
    {
        long resident = 0;
        var vector = new byte[BlockBytes / PageSize + 1];
        foreach (nint block in blocks)
        {
            nint first = (block + PageSize) & ~(nint)(PageSize - 1);
            nint end = (block + BlockBytes) & ~(nint)(PageSize - 1);
            int pages = (int)((end - first) / PageSize);
            fixed (byte* v = vector)
            {
                if (Mincore(first, (nuint)(end - first), v) != 0)
                    throw new InvalidOperationException($"mincore failed: {Marshal.GetLastPInvokeError()}");
            }
            for (int p = 0; p < pages; p++)
                resident += (vector[p] & 1) * PageSize;
        }
        return resident;
    }

    [LibraryImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static unsafe partial int Mincore(nint address, nuint length, byte* vector);
}
