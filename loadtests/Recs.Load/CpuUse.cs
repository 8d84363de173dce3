namespace Recs.Load;

/// <summary>
/// CPU seconds the server and this client used during a phase (null for the server when /proc could not be read), and
/// the share of the whole machine's CPU time that its host stole meanwhile (<see cref="HostCpu"/>; null when unknown).
/// </summary>
internal sealed record CpuUse(double? ServerSeconds, double ClientSeconds, double? HostStealShare = null)
{
    /// <summary>Starts measuring; the returned function gives the use since then.</summary>
    public static Func<CpuUse> Measure(int serverPid)
    {
        double? server = ProcessCpu.Seconds(serverPid);
        double client = Environment.CpuUsage.TotalTime.TotalSeconds;
        var host = HostCpu.Read();
        return () => new CpuUse(
            ProcessCpu.Seconds(serverPid) - server,
            Environment.CpuUsage.TotalTime.TotalSeconds - client,
            HostCpu.StealShare(host, HostCpu.Read()));
    }
}
