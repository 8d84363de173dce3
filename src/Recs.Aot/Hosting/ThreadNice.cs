using System.Runtime.InteropServices;

namespace Recs.Aot.Hosting;

/// <summary>
/// The Linux nice value of the calling thread (Linux schedules threads, and nice is per thread there). Raising it is
/// always allowed; lowering it again needs a privilege the service does not have, and a thread created by a niced thread
/// starts with its value, so only threads made for background work may call <see cref="TryRaise"/>.
/// </summary>
internal static partial class ThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>
    /// Sets the calling thread's nice value to <paramref name="nice"/> (0–19; higher yields the CPU to other threads);
    /// false when it could not, or off Linux, where it does nothing.
    /// </summary>
    public static bool TryRaise(int nice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        return OperatingSystem.IsLinux() && SetPriority(PrioProcess, GetTid(), nice) == 0;
    }

    /// <summary>The calling thread's nice value (Linux), or null where it cannot be read.</summary>
    public static int? Current()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        // The kernel's own answer, not setpriority's bookkeeping: field 19 of /proc/thread-self/stat.
        string stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
