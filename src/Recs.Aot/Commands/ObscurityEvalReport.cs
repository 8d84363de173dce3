namespace Recs.Aot.Commands;

/// <summary>What `recs eval-obscurity --json` prints: the settings and, per seed and activity group, the figures per obscurity setting.</summary>
internal sealed record ObscurityEvalReport(ObscurityEvalSettings Settings, IReadOnlyList<ObscurityEvalGroup> Groups);
