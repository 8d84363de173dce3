using System.Globalization;
using System.Runtime.InteropServices;

namespace Recs.Load;

/// <summary>
/// CPU time a process has used (user + system, from /proc/{pid}/stat). On cores shared with other work, CPU time per
/// answer says more about the server than wall-clock rates, which depend on what else ran.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ClockTicksName = 2; // _SC_CLK_TCK on Linux

    private static readonly double TicksPerSecond = SysConf(ClockTicksName) is > 0 and var t ? t : 100;

    /// <summary>Seconds of CPU used by <paramref name="pid"/> so far, or null when it cannot be read.</summary>
    public static double? Seconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces, so fields are counted from the ')' that closes it:
            // state is field 3, utime field 14 and stime field 15.
            string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
