namespace Recs.Load;

/// <summary>
/// One phase's figures: each scenario's, how late the client sent (open loops), the server's largest resident memory
/// (with its anonymous and file-backed parts at that sample; zero in runs recorded before they were kept) and how many
/// samples it was taken from, the server's own account of its memory at that sample (GET /api/memory, up to half a
/// second old; null for a server without it), the CPU time server and client used while it ran (cache warm-up excluded),
/// and anything that happened during it (a cache warm-up, a retrain).
/// </summary>
internal sealed record PhaseResult(
    string Name,
    string Target,
    double Seconds,
    IReadOnlyList<ScenarioResult> Scenarios,
    SendLag Lag,
    long MaxResidentBytes,
    int ResidentSamples,
    CpuUse Cpu,
    IReadOnlyList<string> Notes,
    long PeakAnonymousBytes = 0,
    long PeakFileBytes = 0,
    ServerMemoryAccount? PeakAccount = null);
