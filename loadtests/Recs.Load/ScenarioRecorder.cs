using System.Diagnostics;
using HdrHistogram;

namespace Recs.Load;

/// <summary>
/// Everything observed for one scenario in one phase: latencies in microseconds, statuses, modes, errors and answers
/// that were not the expected ones. Latencies are also kept per <see cref="Window"/> of send time, so a stall in one part
/// of a phase (a retrain) is not averaged away by the rest. Safe to call from any thread.
/// </summary>
internal sealed class ScenarioRecorder(Scenario scenario, long phaseStart)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    // Ten minutes: the original service's pipeline takes over a minute per request on a busy machine. Longer values
    // (beyond any timeout the suite uses) are clamped rather than lost.
    private const long HighestMicroseconds = 600_000_000;

    // A window's p99 is only reported from this many requests on; below it the "p99" is just the window's maximum.
    private const int WindowMinimum = 100;

    private static readonly long WindowTicks = (long)(Window.TotalSeconds * Stopwatch.Frequency);

    private readonly LongHistogram _latency = new(HighestMicroseconds, 3);
    private readonly List<LongHistogram> _windows = [];
    private readonly Dictionary<int, long> _statuses = [];
    private readonly Dictionary<string, long> _modes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _unexpected;

    public Scenario Scenario => scenario;

    /// <summary>
    /// An answer to a request started at <paramref name="startTimestamp"/> (scheduled or sent, see
    /// <see cref="RequestSender"/>); <paramref name="mode"/> is null for scenarios whose answer carries none.
    /// </summary>
    public void Record(long startTimestamp, int status, string? mode)
    {
        var latency = Stopwatch.GetElapsedTime(startTimestamp);
        bool expected = status == scenario.ExpectedStatus
            && (scenario.ExpectedModes is null || (mode is not null && scenario.ExpectedModes.Contains(mode)));
        lock (_lock)
        {
            RecordLatency(startTimestamp, latency);
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (scenario.ExpectedModes is not null)
                _modes[mode ?? "none"] = _modes.GetValueOrDefault(mode ?? "none") + 1;
            if (!expected)
                _unexpected++;
            // A 5xx is the server failing, not a refusal the client caused: it counts as an error too.
            if (status >= 500)
                _errors[$"status {status}"] = _errors.GetValueOrDefault($"status {status}") + 1;
        }
    }

    /// <summary>A request that got no answer; its latency still counts, so a stall shows in the tail.</summary>
    public void RecordFailure(long startTimestamp, string kind)
    {
        var latency = Stopwatch.GetElapsedTime(startTimestamp);
        lock (_lock)
        {
            RecordLatency(startTimestamp, latency);
            _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
            _unexpected++;
        }
    }

    public ScenarioResult Result(string phase, TimeSpan elapsed)
    {
        lock (_lock)
        {
            long count = _latency.TotalCount;
            var windows = WindowP99Ms();
            return new ScenarioResult(
                phase,
                scenario.Name,
                count,
                elapsed.TotalSeconds > 0 ? count / elapsed.TotalSeconds : 0,
                Milliseconds(50),
                Milliseconds(90),
                Milliseconds(99),
                Milliseconds(99.9),
                count == 0 ? 0 : _latency.GetMaxValue() / 1000.0,
                windows.Max(),
                _statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value),
                _modes.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(),
                _errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(),
                _errors.Values.Sum(),
                _unexpected,
                windows);
        }
    }

    // Called under the lock.
    private void RecordLatency(long startTimestamp, TimeSpan latency)
    {
        long micros = Microseconds(latency);
        _latency.RecordValue(micros);
        int window = (int)Math.Max(0, (startTimestamp - phaseStart) / WindowTicks);
        while (_windows.Count <= window)
            _windows.Add(new LongHistogram(HighestMicroseconds, 3));
        _windows[window].RecordValue(micros);
    }

    // Each window's p99 in send order; null for a window with too few requests to have one.
    private double?[] WindowP99Ms() =>
        [.. _windows.Select(w => w.TotalCount >= WindowMinimum ? w.GetValueAtPercentile(99) / 1000.0 : (double?)null)];

    private double Milliseconds(double percentile) =>
        _latency.TotalCount == 0 ? 0 : _latency.GetValueAtPercentile(percentile) / 1000.0;

    private static long Microseconds(TimeSpan latency) =>
        Math.Clamp((long)(latency.Ticks / (double)TimeSpan.TicksPerMicrosecond), 0, HighestMicroseconds);
}
