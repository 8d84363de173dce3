namespace Recs.Load;

/// <summary>
/// One scenario's figures in one phase; latencies in milliseconds, rate in requests per second.
/// <see cref="WorstWindowP99Ms"/> is the highest p99 of any <see cref="ScenarioRecorder.Window"/> with enough requests;
/// <see cref="WindowP99Ms"/> lists every window's p99 in send order (null for a window with too few requests), so a
/// report shows when in the phase the tail grew, e.g. at the retrain.
/// </summary>
internal sealed record ScenarioResult(
    string Phase,
    string Scenario,
    long Requests,
    double Rate,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double? WorstWindowP99Ms,
    IReadOnlyDictionary<string, long> Statuses,
    IReadOnlyDictionary<string, long> Modes,
    IReadOnlyDictionary<string, long> ErrorKinds,
    long Errors,
    long Unexpected,
    IReadOnlyList<double?>? WindowP99Ms = null);
