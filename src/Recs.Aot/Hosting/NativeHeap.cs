using System.Runtime.InteropServices;

namespace Recs.Aot.Hosting;

/// <summary>
/// The C library's allocator, which SQLite and the TLS and compression libraries use (Linux, glibc). By default glibc
/// gives each thread that meets contention an arena of its own, up to eight per core, and memory freed inside an arena
/// stays resident until its top is free, which under uploads (SQLite's page caches and statements, on whichever pool
/// thread ran the write) adds up. With two arenas and a trim after each model swap the load suite's mix peaked at
/// 126–132 MiB over five runs against 128–146 MiB without (docs/PERFORMANCE.md, "The service under load"). Elsewhere,
/// or with another C library, both calls do nothing.
/// </summary>
internal static partial class NativeHeap
{
    private const int MallocArenaMax = -8;

    /// <summary>
    /// Caps the allocator at <paramref name="arenas"/> arenas unless <c>MALLOC_ARENA_MAX</c> is set (an operator's
    /// choice wins). Call first thing, before threads allocate; true when the cap was set.
    /// </summary>
    public static bool LimitArenas(int arenas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arenas, 1);
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
            return false;
        try
        {
            return Mallopt(MallocArenaMax, arenas) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Hands the free pages inside every arena back to the operating system (<c>malloc_trim</c>); true when any were.
    /// Costs a walk of the arenas' free lists under their locks: meant for after a swap, not per request.
    /// </summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
