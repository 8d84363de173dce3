using System.Globalization;

namespace Recs.Load;

/// <summary>
/// Reads the server's resident memory (VmRSS in /proc/{pid}/status) every 100 ms in the background and files each
/// sample under the phase running at the time, so a peak can be tied to what caused it.
/// </summary>
internal sealed class ResidentMemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly string _statusPath;
    private readonly Dictionary<string, (long Max, int Samples)> _byPhase = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string _phase = "start";

    public ResidentMemorySampler(int pid)
    {
        Pid = pid;
        _statusPath = $"/proc/{pid}/status";
        _loop = SampleAsync();
    }

    public int Pid { get; }

    /// <summary>Files the samples from now on under <paramref name="phase"/>.</summary>
    public void Enter(string phase)
    {
        lock (_lock)
            _phase = phase;
        Sample();
    }

    /// <summary>The largest sample of a phase in bytes and how many samples it had; zero samples when none was taken.</summary>
    public (long MaxBytes, int Samples) Of(string phase)
    {
        lock (_lock)
            return _byPhase.GetValueOrDefault(phase);
    }

    /// <summary>VmRSS of a process in bytes, or null when it cannot be read (the process is gone).</summary>
    public static long? Read(string statusPath)
    {
        try
        {
            foreach (string line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return 1024 * long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                Sample();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        if (Read(_statusPath) is not { } bytes)
            return;
        lock (_lock)
        {
            var (max, samples) = _byPhase.GetValueOrDefault(_phase);
            _byPhase[_phase] = (Math.Max(max, bytes), samples + 1);
        }
    }
}
