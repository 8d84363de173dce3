namespace Recs.Load;

/// <summary>A run read back from its JSON report: when it started, the machine line, and every phase's figures.</summary>
internal sealed record RecordedRun(DateTimeOffset StartedAt, string Machine, IReadOnlyList<PhaseResult> Phases);
