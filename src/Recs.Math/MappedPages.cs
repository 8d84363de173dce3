using System.Runtime.InteropServices;

namespace Recs.Math;

/// <summary>
/// Private anonymous pages straight from the operating system (mmap on Linux), so that releasing them gives the memory
/// back at once. Neither of the usual sources does: the collector keeps the space it committed for the next burst, and
/// glibc's malloc keeps freed blocks below its mmap threshold, which it raises to the size of each large block freed.
/// Elsewhere the native allocator serves.
/// </summary>
internal static unsafe partial class MappedPages
{
    private const int ProtRead = 0x1, ProtWrite = 0x2;
    private const int MapPrivate = 0x02, MapAnonymous = 0x20;

    private static long _total;
    private static long _peak;

    /// <summary>Bytes mapped and not yet unmapped, over the whole process.</summary>
    public static long Total => Interlocked.Read(ref _total);

    /// <summary>The most <see cref="Total"/> has been since the last <see cref="ResetPeak"/>.</summary>
    public static long Peak => Interlocked.Read(ref _peak);

    /// <summary>Starts a new peak from what is mapped now (e.g. at the start of a stage of a training).</summary>
    public static void ResetPeak() => Interlocked.Exchange(ref _peak, Total);

    private static void Added(long bytes)
    {
        long total = Interlocked.Add(ref _total, bytes);
        long peak = Interlocked.Read(ref _peak);
        while (total > peak)
        {
            long seen = Interlocked.CompareExchange(ref _peak, total, peak);
            if (seen == peak)
                break;
            peak = seen;
        }
    }

    /// <summary>
    /// Zero-filled, page-aligned memory of at least <paramref name="bytes"/> bytes (at least one page). Throws
    /// <see cref="OutOfMemoryException"/> when the system refuses it.
    /// </summary>
    public static void* Map(nuint bytes)
    {
        bytes = System.Math.Max(bytes, 1);
        if (!OperatingSystem.IsLinux())
        {
            void* block = NativeMemory.AlignedAlloc(bytes, 64);
            NativeMemory.Clear(block, bytes);
            Added((long)bytes);
            return block;
        }
        void* pages = Mmap(null, bytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (pages == (void*)-1)
            throw new OutOfMemoryException($"The system refused {bytes} bytes of pages (errno {Marshal.GetLastPInvokeError()}).");
        Added((long)bytes);
        return pages;
    }

    /// <summary>Gives back what <see cref="Map"/> returned for the same <paramref name="bytes"/>.</summary>
    public static void Unmap(void* pages, nuint bytes)
    {
        bytes = System.Math.Max(bytes, 1);
        Interlocked.Add(ref _total, -(long)bytes);
        if (!OperatingSystem.IsLinux())
        {
            NativeMemory.AlignedFree(pages);
            return;
        }
        // munmap fails only on arguments Map never produces; there is nothing to recover from it anyway.
        _ = Munmap(pages, bytes);
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Mmap(void* address, nuint length, int protection, int flags, int descriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(void* address, nuint length);
}
