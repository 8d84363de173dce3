using System.Globalization;

namespace Recs.Load;

/// <summary>
/// Reads the server's resident memory (VmRSS in /proc/{pid}/status) every 100 ms in the background and files each
/// sample under the phase running at the time, so a peak can be tied to what caused it. The peak keeps its split into
/// anonymous memory (the heaps, stacks, mapped scratch) and file-backed pages (the binary and libraries), since only the
/// first grows with what the phase does, and the server's own account of its memory taken last before the peak
/// (<see cref="ServerMemoryPoller"/>; null when the server gives none).
/// </summary>
internal sealed class ResidentMemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly string _statusPath;
    private readonly Dictionary<string, (ResidentSample Peak, int Samples, ServerMemoryAccount? Account)> _byPhase = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly PeriodicLoop _loop;
    private readonly Func<ServerMemoryAccount?> _account;
    private string _phase = "start";

    public ResidentMemorySampler(int pid, Func<ServerMemoryAccount?>? account = null)
    {
        Pid = pid;
        _account = account ?? (static () => null);
        _statusPath = $"/proc/{pid}/status";
        _loop = new PeriodicLoop(Interval, _ =>
        {
            Sample();
            return ValueTask.FromResult(true);
        });
    }

    public int Pid { get; }

    /// <summary>Files the samples from now on under <paramref name="phase"/>.</summary>
    public void Enter(string phase)
    {
        lock (_lock)
            _phase = phase;
        Sample();
    }

    /// <summary>
    /// The largest sample of a phase, how many samples it had (zero when none was taken) and the server's account of
    /// its memory when that sample was taken.
    /// </summary>
    public (ResidentSample Peak, int Samples, ServerMemoryAccount? Account) Of(string phase)
    {
        lock (_lock)
            return _byPhase.GetValueOrDefault(phase);
    }

    /// <summary>VmRSS, RssAnon and RssFile of a process in bytes, or null when they cannot be read (the process is gone).</summary>
    public static ResidentSample? Read(string statusPath)
    {
        long? total = null, anonymous = null, file = null;
        try
        {
            foreach (string line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    total = Kilobytes(line);
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    anonymous = Kilobytes(line);
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                    file = Kilobytes(line);
            }
        }
        catch (IOException)
        {
        }
        return total is { } bytes ? new ResidentSample(bytes, anonymous ?? 0, file ?? 0) : null;
    }

    private static long Kilobytes(string line) =>
        1024 * long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private void Sample()
    {
        if (Read(_statusPath) is not { } sample)
            return;
        var account = _account();
        lock (_lock)
        {
            var (peak, samples, peakAccount) = _byPhase.GetValueOrDefault(_phase);
            _byPhase[_phase] = sample.Bytes > peak.Bytes ? (sample, samples + 1, account) : (peak, samples + 1, peakAccount);
        }
    }
}
