namespace Recs.Load;

/// <summary>One scenario's figures in one phase; latencies in milliseconds, rate in requests per second.</summary>
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
    IReadOnlyDictionary<string, long> Statuses,
    IReadOnlyDictionary<string, long> Modes,
    IReadOnlyDictionary<string, long> ErrorKinds,
    long Errors,
    long Unexpected);
