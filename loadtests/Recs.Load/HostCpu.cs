using System.Globalization;

namespace Recs.Load;

/// <summary>
/// The whole machine's CPU time so far, from the aggregate line of /proc/stat (clock ticks since boot): busy (user,
/// nice, system, irq, softirq; guest time is already inside user and nice), idle (idle, iowait) and steal, the time
/// a hypervisor ran other guests while this one had work. On a shared virtual host, a phase that ran while steal was
/// high measured the host as much as the server.
/// </summary>
internal readonly record struct HostCpu(long Busy, long Idle, long Steal)
{
    public long Total => Busy + Idle + Steal;

    /// <summary>The machine's counters now, or null where /proc/stat cannot be read.</summary>
    public static HostCpu? Read()
    {
        try
        {
            return Parse(File.ReadLines("/proc/stat").FirstOrDefault() ?? "");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads "cpu  user nice system idle iowait irq softirq [steal …]" (older kernels stop before steal, which is then 0);
    /// null for any other line, e.g. one core's "cpu0 …".
    /// </summary>
    public static HostCpu? Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8 || fields[0] != "cpu")
            return null;
        var ticks = new long[8];
        for (int i = 1; i < fields.Length && i <= ticks.Length; i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i - 1]))
                return null;
        }
        return new HostCpu(Busy: ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6], Idle: ticks[3] + ticks[4], Steal: ticks[7]);
    }

    /// <summary>Share (0–1) of the machine's CPU time between two readings that was stolen; null when either is missing or no time passed.</summary>
    public static double? StealShare(HostCpu? before, HostCpu? after)
    {
        if (before is not { } b || after is not { } a || a.Total <= b.Total)
            return null;
        return (double)(a.Steal - b.Steal) / (a.Total - b.Total);
    }
}
