using HdrHistogram;

namespace Recs.Load;

/// <summary>
/// Everything observed for one scenario in one phase: latencies in microseconds, statuses, modes, errors and answers
/// that were not the expected ones. Safe to call from any thread.
/// </summary>
internal sealed class ScenarioRecorder(Scenario scenario)
{
    // One minute is far beyond any timeout; longer values are clamped rather than lost.
    private const long HighestMicroseconds = 60_000_000;

    private readonly LongHistogram _latency = new(HighestMicroseconds, 3);
    private readonly Dictionary<int, long> _statuses = [];
    private readonly Dictionary<string, long> _modes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _unexpected;

    public Scenario Scenario => scenario;

    /// <summary>An answer; <paramref name="mode"/> is null for scenarios whose answer carries none.</summary>
    public void Record(TimeSpan latency, int status, string? mode)
    {
        bool expected = status == scenario.ExpectedStatus
            && (scenario.ExpectedModes is null || (mode is not null && scenario.ExpectedModes.Contains(mode)));
        lock (_lock)
        {
            _latency.RecordValue(Microseconds(latency));
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
    public void RecordFailure(TimeSpan latency, string kind)
    {
        lock (_lock)
        {
            _latency.RecordValue(Microseconds(latency));
            _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
            _unexpected++;
        }
    }

    public ScenarioResult Result(string phase, TimeSpan elapsed)
    {
        lock (_lock)
        {
            long count = _latency.TotalCount;
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
                _statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value),
                _modes.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(),
                _errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(),
                _errors.Values.Sum(),
                _unexpected);
        }
    }

    private double Milliseconds(double percentile) =>
        _latency.TotalCount == 0 ? 0 : _latency.GetValueAtPercentile(percentile) / 1000.0;

    private static long Microseconds(TimeSpan latency) =>
        Math.Clamp((long)(latency.Ticks / (double)TimeSpan.TicksPerMicrosecond), 0, HighestMicroseconds);
}
