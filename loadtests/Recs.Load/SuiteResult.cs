namespace Recs.Load;

/// <summary>A whole run: where and when, every phase, every threshold checked.</summary>
internal sealed record SuiteResult(
    DateTimeOffset StartedAt,
    string Server,
    int ServerPid,
    string Machine,
    IReadOnlyList<PhaseResult> Phases,
    IReadOnlyList<ThresholdCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}
